import { Button } from "@codegouvfr/react-dsfr/Button";
import type { TReviewBatchResult } from "@enquete/contract";
import { useEffect, useRef } from "react";
import { plural } from "../../shared/format.ts";
import { ofMonth } from "../atelier-months/months.ts";
import { monthTitle, rowKey } from "./queue.ts";

type Props = {
  result: TReviewBatchResult;
  /** Atelier names by code, for people to read. */
  names: ReadonlyMap<string, string>;
  onClose: () => void;
};

/** "2 rapports validés de novembre 2026", or "3 rapports validés" when they are of several months. */
function validatedTitle(rows: readonly { period: string }[]): string {
  const periods = new Set(rows.map((r) => r.period));
  const [only] = periods;
  const what = plural(rows.length, "rapport validé", "rapports validés");
  return periods.size === 1 && only ? `${what} ${ofMonth(only)}` : what;
}

/**
 * What a batch validation did: the reports validated, and those refused with
 * the reason (another person acted first, the report changed…). It takes the
 * focus when it appears: the button that opened the confirmation is disabled
 * once the selection is emptied.
 */
export function BatchResult({ result, names, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const name = (r: { atelierCode: string; period: string }) =>
    `${names.get(r.atelierCode) ?? `Atelier ${r.atelierCode}`}, ${monthTitle(r.period)}`;
  const { validated, refused } = result;
  const title =
    refused.length === 0
      ? validatedTitle(validated)
      : `${plural(validated.length, "rapport validé", "rapports validés")}, ${plural(refused.length, "refusé", "refusés")}`;

  return (
    <div ref={ref} tabIndex={-1} className={`fr-alert fr-alert--${refused.length === 0 ? "success" : "warning"} fr-my-3w`}>
      <h4 className="fr-alert__title">{title}</h4>
      {validated.length > 0 && (
        <>
          <p className="fr-mb-1w">{validated.length > 1 ? "Rapports validés :" : "Rapport validé :"}</p>
          <ul className="fr-mb-2w">
            {validated.map((r) => (
              <li key={rowKey(r)}>{name(r)}</li>
            ))}
          </ul>
        </>
      )}
      {refused.length > 0 && (
        <>
          <p className="fr-mb-1w">{refused.length > 1 ? "Rapports non validés :" : "Rapport non validé :"}</p>
          <ul className="fr-mb-2w">
            {refused.map((r) => (
              <li key={rowKey(r)}>
                {name(r)} : {r.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <Button priority="tertiary no outline" size="small" onClick={onClose}>
        Masquer ce message
      </Button>
    </div>
  );
}
