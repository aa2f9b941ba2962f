import { Header, type HeaderProps } from "@codegouvfr/react-dsfr/Header";
import type { TMe } from "@enquete/contract";
import { useMemo } from "react";
import { useLocation } from "react-router";
import { api } from "../api/client.ts";
import { PROFILE_PATH } from "../features/profile/paths.ts";
import { useSession } from "../features/session/useSession.ts";
import { useApiData } from "../shared/useApiData.ts";
import { brandTop, homeLinkProps, operatorLogo } from "./brand.tsx";
import { type NavigationNames, navigationItems, needsScopeNames } from "./navigation.ts";

/** The referential's names, fetched only for a menu that lists several dashboards (a national director who also runs an atelier). */
function useScopeNames(user: TMe | null): NavigationNames {
  const needed = user !== null && needsScopeNames(user.roles);
  const { state } = useApiData(
    async (signal) => {
      if (!needed) return null;
      const [territories, ateliers] = await Promise.all([api.territories(signal), api.ateliers({}, signal)]);
      return { territories: new Map(territories.map((t) => [t.code, t.name])), ateliers: new Map(ateliers.map((a) => [a.code, a.name])) };
    },
    [needed],
  );
  const data = state.status === "success" ? state.data : null;
  return useMemo(
    () => (data ? { territory: (code) => data.territories.get(code), atelier: (code) => data.ateliers.get(code) } : {}),
    [data],
  );
}

export function AppHeader({ onSignOut }: { onSignOut: () => void }) {
  const { user } = useSession();
  const { pathname } = useLocation();
  const names = useScopeNames(user);
  const navigation = useMemo(() => (user ? navigationItems(user.roles, pathname, names) : []), [user, pathname, names]);

  const quickAccessItems: HeaderProps.QuickAccessItem[] = user
    ? [
        {
          iconId: "fr-icon-account-circle-line",
          text: user.displayName,
          linkProps: { to: PROFILE_PATH, title: `${user.displayName} – mon profil, mon mot de passe, mes sessions et mes courriels` },
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
      operatorLogo={operatorLogo}
      serviceTitle="Enquête atelier"
      serviceTagline="L'enquête mensuelle d'activité des ateliers Canopé"
      quickAccessItems={quickAccessItems}
      navigation={navigation.length > 0 ? navigation : undefined}
    />
  );
}
