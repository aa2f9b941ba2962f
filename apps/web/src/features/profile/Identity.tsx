import type { TMe } from "@enquete/contract";
import { useId } from "react";
import { api } from "../../api/client.ts";
import { useApiData } from "../../shared/useApiData.ts";
import { NO_NAMES, needsAtelierNames, needsTerritoryNames, roleLine, type ScopeNames } from "./roleLines.ts";

async function loadScopeNames(user: TMe, signal: AbortSignal): Promise<ScopeNames> {
  const [ateliers, territories] = await Promise.all([
    needsAtelierNames(user.roles) ? api.ateliers({}, signal) : [],
    needsTerritoryNames(user.roles) ? api.territories(signal) : [],
  ]);
  return {
    ateliers: new Map(ateliers.map((a) => [a.code, a.name])),
    territories: new Map(territories.map((t) => [t.code, t.name])),
  };
}

/** Who the signed-in person is for the platform: name, address, roles with their scope. */
export function Identity({ user }: { user: TMe }) {
  const headingId = useId();
  // The names only dress the scopes: while they load, or if they cannot, the codes are shown.
  const { state } = useApiData((signal) => loadScopeNames(user, signal), [user]);
  const names = state.status === "success" ? state.data : NO_NAMES;

  return (
    <section aria-labelledby={headingId} className="fr-mt-4w">
      <h2 id={headingId} className="fr-h4">
        Mon compte
      </h2>
      <dl className="fr-pl-0">
        <dt className="fr-text--bold">Nom</dt>
        <dd className="fr-ml-0 fr-pl-0 fr-mb-2w">{user.displayName}</dd>
        <dt className="fr-text--bold">Adresse électronique</dt>
        <dd className="fr-ml-0 fr-pl-0 fr-mb-2w" style={{ overflowWrap: "anywhere" }}>
          {user.email}
        </dd>
        <dt className="fr-text--bold">{user.roles.length > 1 ? "Rôles" : "Rôle"}</dt>
        <dd className="fr-ml-0 fr-pl-0 fr-mb-2w">
          {user.roles.length === 0 ? (
            "Aucun rôle pour l'instant : demandez à l'administration de la plateforme de vous en attribuer un."
          ) : (
            <ul className="fr-mb-0">
              {user.roles.map((r) => {
                const line = roleLine(r, names);
                return <li key={`${r.role}:${r.atelierCode ?? ""}:${r.territoryCode ?? ""}`}>{line}</li>;
              })}
            </ul>
          )}
        </dd>
      </dl>
      <p className="fr-hint-text">Pour changer votre nom, votre adresse ou vos rôles, adressez-vous à l'administration de la plateforme.</p>
    </section>
  );
}
