import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { useSearchParams } from "react-router";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useSession } from "../session/useSession.ts";
import { OutboxContent } from "./OutboxContent.tsx";
import { pageFromSearch } from "./paths.ts";

const TITLE = "Courriels envoyés par la plateforme";

/** The administrators' view of every email the platform wrote, sent or not. */
export function OutboxPage() {
  const [search] = useSearchParams();
  const page = pageFromSearch(search);
  useDocumentTitle(page > 1 ? `${TITLE} (page ${page})` : TITLE);
  const { user } = useSession();
  const admin = user?.roles.some((r) => r.role === "admin") ?? false;

  return (
    <div className="fr-container fr-mb-4w">
      <Breadcrumb currentPageLabel={TITLE} segments={[{ label: "Tableau de bord", linkProps: { to: "/" } }]} />
      <PageHeading>{TITLE}</PageHeading>
      {admin ? (
        <OutboxContent page={page} />
      ) : (
        <Alert
          severity="info"
          as="h2"
          title="Accès réservé à l'administration de la plateforme"
          description="Seuls les administrateurs de la plateforme consultent les courriels qu'elle envoie."
        />
      )}
    </div>
  );
}
