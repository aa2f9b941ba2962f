import { Header, type HeaderProps } from "@codegouvfr/react-dsfr/Header";
import { useSession } from "../features/session/useSession.ts";
import { brandTop, homeLinkProps } from "./brand.tsx";

export function AppHeader({ onSignOut }: { onSignOut: () => void }) {
  const { user } = useSession();

  const quickAccessItems: HeaderProps.QuickAccessItem[] = user
    ? [
        {
          iconId: "fr-icon-account-circle-line",
          text: user.displayName,
          linkProps: { to: "/", title: `Tableau de bord de ${user.displayName}` },
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
