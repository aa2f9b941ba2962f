import type { ReactNode } from "react";

// DSFR colour token; its utility classes are not part of the stylesheets the app loads.
const ALT_BACKGROUND = { backgroundColor: "var(--background-alt-grey)" };

/** The DSFR sign-in page's frame (a centred grey panel), shared by the login and password pages. */
export function AuthPanel({ children }: { children: ReactNode }) {
  return (
    <div className="fr-container fr-container--fluid fr-mb-md-14v">
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
          <div className="fr-container fr-px-md-0 fr-py-10v fr-py-md-14v fr-mt-4w" style={ALT_BACKGROUND}>
            <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--center">
              <div className="fr-col-12 fr-col-md-9 fr-col-lg-8">{children}</div>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
