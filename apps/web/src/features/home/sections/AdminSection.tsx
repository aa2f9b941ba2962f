import { Tile } from "@codegouvfr/react-dsfr/Tile";
import { ACCOUNT_STATUSES, type AccountStatus } from "@enquete/domain";
import { api } from "../../../api/client.ts";
import { usersApi } from "../../../api/users.ts";
import { plural } from "../../../shared/format.ts";
import { LoadError } from "../../../shared/LoadError.tsx";
import { useApiData } from "../../../shared/useApiData.ts";
import { ACCOUNTS_PATH } from "../../accounts/paths.ts";
import { AUDIT_PATH, AUDIT_TITLE } from "../../audit/paths.ts";
import { OUTBOX_PATH } from "../../outbox/paths.ts";
import { REFERENTIAL_PATH } from "../../referential-admin/paths.ts";
import { Section } from "./Section.tsx";

type Counts = { byStatus: Record<AccountStatus, number>; territories: number; ateliers: number };

/** Each status's count is one page of one account: the totals without the accounts themselves. */
async function loadCounts(signal: AbortSignal): Promise<Counts> {
  const [pages, territories, ateliers] = await Promise.all([
    Promise.all(ACCOUNT_STATUSES.map((status) => usersApi.list({ status, limit: 1 }, signal))),
    api.territories(signal),
    api.ateliers({}, signal),
  ]);
  const byStatus = Object.fromEntries(ACCOUNT_STATUSES.map((s, i) => [s, pages[i]?.total ?? 0])) as Record<AccountStatus, number>;
  return { byStatus, territories: territories.length, ateliers: ateliers.length };
}

/** Platform administration: the way to each administrators' page, with the sizes worth knowing at a glance. */
export function AdminSection() {
  const { state, retry } = useApiData(loadCounts, []);
  const counts = state.status === "success" ? state.data : null;
  const accounts = counts ? ACCOUNT_STATUSES.reduce((n, s) => n + counts.byStatus[s], 0) : null;

  return (
    <Section title="Administration" state={state}>
      <ul className="fr-raw-list fr-grid-row fr-grid-row--gutters fr-my-2w">
        <AdminTile
          title="Comptes"
          to={ACCOUNTS_PATH}
          desc="Créer les comptes, inviter, donner les rôles, désactiver."
          detail={counts && accounts !== null ? `${plural(accounts, "compte")} : ${statusText(counts.byStatus)}` : undefined}
        />
        <AdminTile title={AUDIT_TITLE} to={AUDIT_PATH} desc="Qui a fait quoi, quand, avec l'état avant et après." />
        <AdminTile
          title="Référentiel"
          to={REFERENTIAL_PATH}
          desc="Ouvrir, déplacer, renommer et fermer les ateliers et les directions territoriales."
          detail={
            counts
              ? `${plural(counts.ateliers, "atelier")}, ${plural(counts.territories, "direction territoriale", "directions territoriales")}`
              : undefined
          }
        />
        <AdminTile title="Courriels" to={OUTBOX_PATH} desc="Les courriels de la plateforme, envoyés ou en attente." />
      </ul>
      {state.status === "error" && <LoadError title="Nombres indisponibles" error={state.error} onRetry={retry} />}
    </Section>
  );
}

/** "110 actifs, 4 invitations en attente, 2 désactivés". */
function statusText(by: Record<AccountStatus, number>): string {
  return [
    plural(by.active, "actif"),
    plural(by.invited, "invitation en attente", "invitations en attente"),
    plural(by.disabled, "désactivé"),
  ].join(", ");
}

function AdminTile({ title, to, desc, detail }: { title: string; to: string; desc: string; detail?: string }) {
  return (
    <li className="fr-col-12 fr-col-md-6">
      <Tile title={title} titleAs="h3" linkProps={{ to }} desc={desc} detail={detail} orientation="horizontal" enlargeLinkOrButton />
    </li>
  );
}
