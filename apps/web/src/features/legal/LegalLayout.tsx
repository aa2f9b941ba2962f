import type { ReactNode } from "react";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";

/** The frame of a page a public service owes: its title and a readable column of text. */
export function LegalLayout({ title, children }: { title: string; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="fr-container fr-my-4w">
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <PageHeading>{title}</PageHeading>
          {children}
        </div>
      </div>
    </div>
  );
}
