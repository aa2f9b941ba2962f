import { Link } from "react-router";
import { api } from "../../../api/client.ts";
import { plural } from "../../../shared/format.ts";
import { LoadError } from "../../../shared/LoadError.tsx";
import { Loading } from "../../../shared/Loading.tsx";
import { useApiData } from "../../../shared/useApiData.ts";
import { OUTBOX_PATH } from "../../outbox/paths.ts";
import { REFERENTIAL_PATH } from "../../referential-admin/paths.ts";
import { UsersTable } from "../tables/UsersTable.tsx";
import { Section } from "./Section.tsx";

/** Platform administration: the accounts and the size of the referential. */
export function AdminSection() {
  const { state, retry } = useApiData(async (signal) => {
    const [users, territories, ateliers] = await Promise.all([api.users(signal), api.territories(signal), api.ateliers({}, signal)]);
    return { users, territories, ateliers, territoryNames: new Map(territories.map((t) => [t.code, t.name])) };
  }, []);

  return (
    <Section title="Administration" state={state}>
      {state.status === "loading" && <Loading label="Chargement des comptes…" />}
      {state.status === "error" && <LoadError error={state.error} onRetry={retry} />}
      {state.status === "success" && (
        <>
          <ul className="fr-raw-list fr-grid-row fr-grid-row--gutters fr-my-2w">
            <Figure value={state.data.users.length} label="comptes" detail={activeDetail(state.data.users)} />
            <Figure value={state.data.territories.length} label="directions territoriales" />
            <Figure value={state.data.ateliers.length} label="ateliers" />
          </ul>
          <p>
            <Link to={REFERENTIAL_PATH} className="fr-link fr-icon-map-pin-2-line fr-link--icon-left">
              Référentiel : ateliers et directions territoriales
            </Link>
          </p>
          <p>
            <Link to={OUTBOX_PATH} className="fr-link fr-icon-mail-line fr-link--icon-left">
              Courriels envoyés par la plateforme
            </Link>
          </p>
          <h3 className="fr-h5 fr-mt-4w">Comptes</h3>
          <UsersTable users={state.data.users} territoryNames={state.data.territoryNames} />
        </>
      )}
    </Section>
  );
}

// DSFR colour token; its utility classes are not part of the stylesheets the app loads.
const ALT_BACKGROUND = { backgroundColor: "var(--background-alt-blue-france)" };

function activeDetail(users: readonly { active: boolean }[]): string {
  const active = users.filter((u) => u.active).length;
  return `dont ${plural(active, "actif")}`;
}

function Figure({ value, label, detail }: { value: number; label: string; detail?: string }) {
  return (
    <li className="fr-col-12 fr-col-sm-4">
      <div className="fr-p-3w" style={ALT_BACKGROUND}>
        <p className="fr-h3 fr-mb-0">{value.toLocaleString("fr-FR")}</p>
        <p className="fr-mb-0">
          {label}
          {detail && <span className="fr-hint-text">{detail}</span>}
        </p>
      </div>
    </li>
  );
}
