import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useId, useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { plural, yesNo } from "../../shared/format.ts";
import { LabelStatusBadge } from "../../shared/LabelStatusBadge.tsx";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { monthText } from "./months.ts";
import { atelierAdminPath } from "./paths.ts";
import { atelierState, fold, type ListedAtelier, type Referential, STATE_LABELS } from "./referentialData.ts";

const STATE_FILTERS = [
  { value: "", label: "Tous les ateliers" },
  { value: "ouverts", label: "Ouverts" },
  { value: "fermes", label: "Fermés" },
] as const;

function matches(a: ListedAtelier, query: string, territory: string, state: string, names: Map<string, string>): boolean {
  if (territory && a.territoryCode !== territory) return false;
  const s = atelierState(a);
  if (state === "ouverts" && s === "closed") return false;
  if (state === "fermes" && s !== "closed") return false;
  if (!query) return true;
  const q = fold(query.trim());
  const haystack = fold([a.code, a.name, a.city, a.departement, names.get(a.territoryCode ?? "") ?? ""].join(" "));
  return haystack.includes(q);
}

/** The ateliers, searched and filtered, the filters kept in the address (a reload, a shared link keep them). */
export function AteliersList({ data }: { data: Referential }) {
  const headingId = useId();
  const [search, setSearch] = useSearchParams();
  const query = search.get("q") ?? "";
  const territory = search.get("dt") ?? "";
  const state = search.get("etat") ?? "";
  const setParam = (key: string, value: string) =>
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const shown = useMemo(
    () => data.ateliers.filter((a) => matches(a, query, territory, state, data.territoryNames)),
    [data, query, territory, state],
  );

  return (
    <section aria-labelledby={headingId} className="fr-mt-6w">
      <h2 id={headingId}>Ateliers</h2>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-5">
          <Input
            label="Rechercher un atelier"
            hintText="Code, nom, ville ou département"
            nativeInputProps={{ type: "search", value: query, onChange: (e) => setParam("q", e.target.value), autoComplete: "off" }}
          />
        </div>
        <div className="fr-col-12 fr-col-sm-6 fr-col-md-4">
          <Select label="Direction territoriale" nativeSelectProps={{ value: territory, onChange: (e) => setParam("dt", e.target.value) }}>
            <option value="">Toutes les directions territoriales</option>
            {data.territories.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-sm-6 fr-col-md-3">
          <Select label="État" nativeSelectProps={{ value: state, onChange: (e) => setParam("etat", e.target.value) }}>
            {STATE_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <p role="status" aria-live="polite" className="fr-mb-2w">
        {shown.length === data.ateliers.length
          ? `${plural(shown.length, "atelier")} au référentiel.`
          : `${plural(shown.length, "atelier")} sur ${data.ateliers.length.toLocaleString("fr-FR")} correspond${shown.length > 1 ? "ent" : ""} à la recherche.`}
      </p>
      {shown.length > 0 && <AteliersTable ateliers={shown} names={data.territoryNames} />}
    </section>
  );
}

function AteliersTable({ ateliers, names }: { ateliers: readonly ListedAtelier[]; names: Map<string, string> }) {
  return (
    <ScrollTable caption="Ateliers du référentiel, avec leur direction territoriale d'aujourd'hui" className="fr-table--bordered" focusable>
      <thead>
        <tr>
          <th scope="col">Atelier</th>
          <th scope="col">Ville</th>
          <th scope="col">Direction territoriale</th>
          <th scope="col">État</th>
          <th scope="col">Labellisation</th>
          <th scope="col">Laboratoire des usages</th>
          <th scope="col">ESPE/INSPÉ</th>
          <th scope="col">Ouverture</th>
          <th scope="col">Fermeture</th>
        </tr>
      </thead>
      <tbody>
        {ateliers.map((a) => {
          const s = atelierState(a);
          return (
            <tr key={a.code}>
              <th scope="row">
                <Link to={atelierAdminPath(a.code)}>{a.name}</Link>
              </th>
              <td>{a.city}</td>
              <td>{a.territoryCode ? (names.get(a.territoryCode) ?? a.territoryCode) : "—"}</td>
              <td>
                <Badge as="span" small noIcon severity={s === "open" ? "success" : s === "future" ? "info" : undefined}>
                  {STATE_LABELS[s]}
                </Badge>
              </td>
              <td>
                <LabelStatusBadge status={a.labelStatus} />
              </td>
              <td>{yesNo(a.hasLab)}</td>
              <td>{yesNo(a.inEspe)}</td>
              <td>{monthText(a.openFrom)}</td>
              <td>{monthText(a.closedFrom)}</td>
            </tr>
          );
        })}
      </tbody>
    </ScrollTable>
  );
}
