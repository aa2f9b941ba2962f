import type { TAtelierHistory } from "@enquete/contract";
import { LABEL_STATUS_LABELS } from "@enquete/domain";
import { useId } from "react";
import { formatDateTime, yesNo } from "../../shared/format.ts";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { monthBefore, monthText } from "./months.ts";

type Dated<T> = { from: string; value: T };

/** "de septembre 2026 à décembre 2026", "depuis septembre 2026". */
function span(from: string, lastMonth: string | null): string {
  return lastMonth === null ? `depuis ${monthText(from)}` : `de ${monthText(from)} à ${monthText(lastMonth)}`;
}

/** Each value holds from its month to the month before the next one. */
function periods<T>(values: readonly Dated<T>[], closedFrom: string | null): { value: T; text: string }[] {
  const sorted = [...values].sort((a, b) => a.from.localeCompare(b.from));
  return sorted.map((v, i) => {
    const next = sorted[i + 1];
    const last = next ? monthBefore(next.from) : closedFrom ? monthBefore(closedFrom) : null;
    return { value: v.value, text: span(v.from, last) };
  });
}

/** The atelier as it is today, and as it has been. */
export function AtelierSummary({ history }: { history: TAtelierHistory }) {
  const current = history.territories.find((t) => t.territoryCode === history.territoryCode);
  return (
    <ul className="fr-mb-4w">
      <li>Ville : {history.city}</li>
      <li>Département : {history.departement}</li>
      <li>Direction territoriale ce mois-ci : {current?.territoryName ?? history.territoryCode ?? "aucune (atelier fermé)"}</li>
      <li>Ouvert à partir de {monthText(history.openFrom)}</li>
      <li>{history.closedFrom ? `Fermé à partir de ${monthText(history.closedFrom)}` : "Aucune fermeture prévue"}</li>
    </ul>
  );
}

export function TerritoriesOverTime({ history }: { history: TAtelierHistory }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="fr-mt-4w">
      <h2 id={headingId} className="fr-h4">
        Directions territoriales successives
      </h2>
      <p className="fr-text--sm">Les rapports d'un mois appartiennent à la direction territoriale de ce mois.</p>
      <ScrollTable caption="Rattachements de l'atelier, le plus ancien d'abord" className="fr-table--bordered">
        <thead>
          <tr>
            <th scope="col">Direction territoriale</th>
            <th scope="col">Premier mois</th>
            <th scope="col">Dernier mois</th>
          </tr>
        </thead>
        <tbody>
          {history.territories.map((t) => (
            <tr key={`${t.territoryCode}-${t.from}`}>
              <th scope="row">{t.territoryName}</th>
              <td>{monthText(t.from)}</td>
              <td>{t.to ? monthText(t.to) : "en cours"}</td>
            </tr>
          ))}
        </tbody>
      </ScrollTable>
    </section>
  );
}

export function AttributesOverTime({ history }: { history: TAtelierHistory }) {
  const headingId = useId();
  const rows = [
    ...periods(history.labellisation, history.closedFrom).map((p) => ({
      what: "Labellisation",
      value: LABEL_STATUS_LABELS[p.value],
      text: p.text,
    })),
    ...periods(history.lab, history.closedFrom).map((p) => ({ what: "Laboratoire des usages", value: yesNo(p.value), text: p.text })),
    ...periods(history.espe, history.closedFrom).map((p) => ({
      what: "Implanté dans une ESPE/INSPÉ",
      value: yesNo(p.value),
      text: p.text,
    })),
  ];
  return (
    <section aria-labelledby={headingId} className="fr-mt-4w">
      <h2 id={headingId} className="fr-h4">
        Attributs dans le temps
      </h2>
      {rows.length === 0 ? (
        <p>Aucun attribut n'est renseigné : pas de labellisation, ni laboratoire des usages, ni implantation en ESPE/INSPÉ.</p>
      ) : (
        <ScrollTable
          caption="Labellisation, laboratoire des usages et implantation en ESPE/INSPÉ, mois par mois"
          className="fr-table--bordered"
        >
          <thead>
            <tr>
              <th scope="col">Attribut</th>
              <th scope="col">Valeur</th>
              <th scope="col">Période</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.what}-${r.text}`}>
                <th scope="row">{r.what}</th>
                <td>{r.value}</td>
                <td>{r.text}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      {(history.lab.length === 0 || history.espe.length === 0) && rows.length > 0 && (
        <p className="fr-text--sm">Un attribut sans ligne ici vaut « Non » depuis l'ouverture.</p>
      )}
    </section>
  );
}

export function ChangesList({ history }: { history: TAtelierHistory }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="fr-mt-6w">
      <h2 id={headingId} className="fr-h4">
        Modifications du référentiel
      </h2>
      {history.changes.length === 0 ? (
        <p>Aucune modification enregistrée sur la plateforme pour cet atelier.</p>
      ) : (
        <ScrollTable caption="Modifications de cet atelier, la plus récente d'abord" className="fr-table--bordered" focusable>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Par</th>
              <th scope="col">Modification</th>
            </tr>
          </thead>
          <tbody>
            {history.changes.map((c) => (
              <tr key={`${c.at}-${c.action}-${c.description}`}>
                <th scope="row">{formatDateTime(c.at)}</th>
                <td>{c.actor}</td>
                <td className="fr-cell--multiline">{c.description}</td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
    </section>
  );
}
