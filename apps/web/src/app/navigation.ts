/**
 * The header's menu, per role (issue 9): each person reaches what they may
 * use, and a person with several roles sees the union. A pure function of the
 * grants and the current address, so that it is tested without a browser;
 * hiding an entry is never the check (the API is).
 */
import type { MainNavigationProps } from "@codegouvfr/react-dsfr/MainNavigation";
import type { TRoleGrant } from "@enquete/contract";
import type { RoleGrant } from "@enquete/domain";
import { ACCOUNTS_PATH } from "../features/accounts/paths.ts";
import { AUDIT_PATH } from "../features/audit/paths.ts";
import { atelierDashboardPath, DASHBOARD_PATH, territoryDashboardPath } from "../features/dashboard/paths.ts";
import { DISTANCE_LEARNING_PATH } from "../features/distance-learning/paths.ts";
import { homeGrants } from "../features/home/grants.ts";
import { OUTBOX_PATH } from "../features/outbox/paths.ts";
import { QUESTIONNAIRE_PATH } from "../features/questionnaire/paths.ts";
import { REFERENTIAL_PATH } from "../features/referential-admin/paths.ts";
import { SETTINGS_PATH } from "../features/settings/paths.ts";
import { TARGETS_PATH } from "../features/targets/paths.ts";

export type NavigationItem = MainNavigationProps.Item;

/** Names for the dashboards' menu when there are several; the codes stand in while they load. */
export type NavigationNames = {
  atelier?: (code: string) => string | undefined;
  territory?: (code: string) => string | undefined;
};

type Entry = { text: string; path: string };

const within = (pathname: string, path: string) => pathname === path || pathname.startsWith(`${path}/`);

/** One dashboard per scope the person reads: the nation once (national, viewer, admin), each territory, each atelier. */
export function dashboardEntries(grants: readonly RoleGrant[], names: NavigationNames = {}): Entry[] {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  const add = (entry: Entry) => {
    if (seen.has(entry.path)) return;
    seen.add(entry.path);
    entries.push(entry);
  };
  for (const g of grants) {
    switch (g.role) {
      case "national":
      case "viewer":
      case "admin":
        add({ text: "Réseau national", path: DASHBOARD_PATH });
        break;
      case "territory":
        add({
          text: names.territory?.(g.territoryCode) ?? `Direction territoriale ${g.territoryCode}`,
          path: territoryDashboardPath(g.territoryCode),
        });
        break;
      case "atelier":
        add({ text: names.atelier?.(g.atelierCode) ?? `Atelier ${g.atelierCode}`, path: atelierDashboardPath(g.atelierCode) });
        break;
    }
  }
  return entries;
}

/** Does the menu need the referential's names (several dashboards, one of them a territory's or an atelier's)? */
export function needsScopeNames(roles: readonly TRoleGrant[]): boolean {
  const entries = dashboardEntries(homeGrants(roles));
  return entries.length > 1 && entries.some((e) => e.path !== DASHBOARD_PATH);
}

/** A link, or a menu of links, the current page's entry marked. */
function item(text: string, entries: readonly Entry[], pathname: string): NavigationItem {
  // The national dashboard's address starts every other dashboard's: only itself is it. Likewise an
  // entry whose address starts a sibling's (the settings, the questionnaire under them) is not
  // the current page while that sibling is.
  const deeper = (e: Entry) => entries.some((o) => o.path !== e.path && o.path.startsWith(`${e.path}/`) && within(pathname, o.path));
  const active = (e: Entry) => (e.path === DASHBOARD_PATH ? pathname === e.path : within(pathname, e.path) && !deeper(e));
  const [only] = entries;
  if (entries.length === 1 && only) return { text, linkProps: { to: only.path }, isActive: active(only) };
  return {
    text,
    isActive: entries.some(active),
    menuLinks: entries.map((e) => ({ text: e.text, linkProps: { to: e.path }, isActive: active(e) })),
  };
}

export function navigationItems(roles: readonly TRoleGrant[], pathname: string, names: NavigationNames = {}): NavigationItem[] {
  const grants = homeGrants(roles);
  const has = (role: RoleGrant["role"]) => grants.some((g) => g.role === role);
  // The reports and the review queue are reached from the home page: a report's page is part of it.
  const items: NavigationItem[] = [
    { text: "Accueil", linkProps: { to: "/" }, isActive: pathname === "/" || pathname.startsWith("/ateliers/") },
  ];

  const dashboards = dashboardEntries(grants, names);
  if (dashboards.length > 0) {
    const dashboard = item("Tableau de bord", dashboards, pathname);
    // Every page under it (a territory's atelier, say) is still the dashboard.
    items.push({ ...dashboard, isActive: within(pathname, DASHBOARD_PATH) });
  }

  if (has("national")) {
    items.push(
      item(
        "Paramètres",
        [
          { text: "Paramètres", path: SETTINGS_PATH },
          { text: "Questionnaire", path: QUESTIONNAIRE_PATH },
          { text: "Cibles", path: TARGETS_PATH },
          { text: "Journées FOAD", path: DISTANCE_LEARNING_PATH },
        ],
        pathname,
      ),
    );
  }

  if (has("admin")) {
    items.push(
      item(
        "Administration",
        [
          { text: "Comptes", path: ACCOUNTS_PATH },
          { text: "Journal des actions", path: AUDIT_PATH },
          { text: "Référentiel", path: REFERENTIAL_PATH },
          { text: "Courriels", path: OUTBOX_PATH },
          // The contact address and hosting notice of the public pages are set there; a national admin has it in "Paramètres" already.
          ...(has("national") ? [] : [{ text: "Pages publiques", path: SETTINGS_PATH }]),
        ],
        pathname,
      ),
    );
  }
  return items;
}
