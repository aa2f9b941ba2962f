import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useSession } from "../session/useSession.ts";
import { EmailPreferences } from "./EmailPreferences.tsx";
import { Identity } from "./Identity.tsx";

/** The signed-in person's profile: who they are for the platform, and which emails they receive. */
export function ProfilePage() {
  useDocumentTitle("Mon profil");
  const { user } = useSession();
  if (!user) return null; // RequireAuth guarantees a user; this only narrows the type

  return (
    <div className="fr-container fr-mb-4w">
      <Breadcrumb currentPageLabel="Mon profil" segments={[{ label: "Tableau de bord", linkProps: { to: "/" } }]} />
      <PageHeading>Mon profil</PageHeading>
      <Identity user={user} />
      <EmailPreferences email={user.email} />
    </div>
  );
}
