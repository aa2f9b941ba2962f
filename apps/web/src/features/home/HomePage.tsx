import { PageHeading } from "../../shared/PageHeading.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useSession } from "../session/useSession.ts";
import { homeGrants } from "./grants.ts";
import { RoleSections } from "./RoleSections.tsx";

export function HomePage() {
  useDocumentTitle("Tableau de bord");
  const { user } = useSession();
  if (!user) return null; // RequireAuth guarantees a user; this only narrows the type
  const grants = homeGrants(user.roles);

  return (
    <div className="fr-container fr-my-4w">
      <PageHeading>Tableau de bord</PageHeading>
      <p className="fr-text--lead">Bonjour {user.displayName}.</p>
      {grants.length === 0 ? (
        <p>Votre compte n'a encore aucun rôle sur la plateforme. Demandez à l'administration de la plateforme de vous en attribuer un.</p>
      ) : (
        <RoleSections grants={grants} />
      )}
    </div>
  );
}
