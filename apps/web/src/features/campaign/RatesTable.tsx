import type { TCampaign, TRates } from "@enquete/contract";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { share } from "./rates.ts";

type Props = { campaign: TCampaign; showNation: boolean };

/** Expected reports, and the share submitted, validated and submitted on time, per territory and for the nation. */
export function RatesTable({ campaign, showNation }: Props) {
  return (
    <ScrollTable caption={<>Taux de réponse {campaign.year} (mois terminés)</>} className="fr-table--no-caption">
      <thead>
        <tr>
          <th scope="col">Direction territoriale</th>
          <th scope="col">Rapports attendus</th>
          <th scope="col">Soumis</th>
          <th scope="col">Validés</th>
          <th scope="col">Soumis à temps</th>
        </tr>
      </thead>
      <tbody>
        {showNation && <RatesRow name="Réseau national" rates={campaign.national} strong />}
        {campaign.territories.map((t) => (
          <RatesRow key={t.code} name={t.name} rates={t.rates} />
        ))}
      </tbody>
    </ScrollTable>
  );
}

function RatesRow({ name, rates, strong = false }: { name: string; rates: TRates; strong?: boolean }) {
  return (
    <tr className={strong ? "fr-text--bold" : undefined}>
      <th scope="row" className="fr-cell--multiline">
        {name}
      </th>
      <td>{rates.expected.toLocaleString("fr-FR")}</td>
      <RateCell part={rates.submitted} rate={rates.submittedRate} />
      <RateCell part={rates.validated} rate={rates.validatedRate} />
      <RateCell part={rates.onTime} rate={rates.onTimeRate} />
    </tr>
  );
}

function RateCell({ part, rate }: { part: number; rate: number | null }) {
  const value = share(rate);
  if (value === null) {
    return (
      <td>
        <span aria-hidden="true">–</span>
        <span className="fr-sr-only">Aucun rapport attendu</span>
      </td>
    );
  }
  return (
    <td>
      {value}{" "}
      <span className="fr-hint-text fr-text--xs" style={{ display: "inline" }}>
        ({part.toLocaleString("fr-FR")})
      </span>
    </td>
  );
}
