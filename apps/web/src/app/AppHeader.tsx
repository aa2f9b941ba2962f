import { Header, type HeaderProps } from "@codegouvfr/react-dsfr/Header";
import { PROFILE_PATH } from "../features/profile/paths.ts";
import { useSession } from "../features/session/useSession.ts";
import { brandTop, homeLinkProps } from "./brand.tsx";

export function AppHeader({ onSignOut }: { onSignOut: () => void }) {
  const { user } = useSession();

  const quickAccessItems: HeaderProps.QuickAccessItem[] = user
    ? [
        {
          iconId: "fr-icon-account-circle-line",
          text: user.displayName,
          linkProps: { to: PROFILE_PATH, title: `${user.displayName} – mon profil et mes courriels` },
        },
        {
          iconId: "fr-icon-logout-box-r-line",
          text: "Se déconnecter",
          buttonProps: { type: "button", onClick: onSignOut },
        },
      ]
    : [];

  return (
    <Header
      brandTop={brandTop}
      homeLinkProps={homeLinkProps}
      serviceTitle="Enquête atelier"
      serviceTagline="L'enquête mensuelle d'activité des ateliers Canopé"
      quickAccessItems={quickAccessItems}
    />
  );
}
