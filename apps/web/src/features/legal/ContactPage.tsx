import { PageHeading } from "../../shared/PageHeading.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";

/** Placeholder: the page is being written (issue 12). */
export function ContactPage() {
  useDocumentTitle("Contact");
  return (
    <div className="fr-container fr-my-4w">
      <PageHeading>Contact</PageHeading>
    </div>
  );
}
