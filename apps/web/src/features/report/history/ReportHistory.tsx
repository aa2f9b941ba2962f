import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { TReportEvent } from "@enquete/contract";
import { type FormDefinition, formFields, STATUS_LABELS } from "@enquete/domain";
import { useEffect, useRef, useState } from "react";
import { LoadError } from "../../../shared/LoadError.tsx";
import { ACTION_LABELS, moveText } from "../labels.ts";
import { changesBesideRemarks, changeText, lineTitle, remarkText, versionText, whenText } from "./changeText.ts";
import { lineKey, useReportHistory } from "./useReportHistory.ts";

type Props = { atelier: string; period: string; version: number; form: FormDefinition };

function statusChange(e: TReportEvent): string | null {
  if (e.fromStatus === e.toStatus) return null;
  const to = STATUS_LABELS[e.toStatus];
  return e.fromStatus ? `${STATUS_LABELS[e.fromStatus]} → ${to}` : to;
}

const entries = (n: number) => `${n.toLocaleString("fr-FR")} entrée${n > 1 ? "s" : ""}`;

/** What an event says of itself (a move, a change of questionnaire version): the fact, not a person's comment. */
function factText(e: TReportEvent): string | null {
  if (e.action === "move") return moveText(e.comment);
  if (e.action === "upgrade") return e.comment?.trim() || "Passage à une nouvelle version du questionnaire.";
  return null;
}

/**
 * Who did what, when, with each changed value, and each remark as what it is
 * (return comment, reopening reason, reply, justification, note); the latest
 * first, a sitting of autosaves as one line. Loaded when opened, twenty lines at a time. Fields are named by the
 * report's own questionnaire version; a field it does not have (retired at a
 * change of version) by its code.
 */
export function ReportHistory({ atelier, period, version, form }: Props) {
  const [open, setOpen] = useState(false);
  const { state, more, retry } = useReportHistory(atelier, period, version, open);
  const labels = new Map(formFields(form).map((f) => [f.code, f.label]));
  const items = state.status === "closed" ? [] : state.items;
  const total = state.status === "closed" ? null : state.total;

  // "Plus anciennes": the keyboard goes on from the first event just shown, not back to the top.
  const firstNew = useRef<HTMLLIElement>(null);
  const focusFrom = useRef<number | null>(null);
  useEffect(() => {
    if (focusFrom.current !== null && items.length > focusFrom.current) {
      firstNew.current?.focus();
      focusFrom.current = null;
    }
  }, [items.length]);

  const showMore = () => {
    focusFrom.current = items.length;
    more();
  };

  return (
    <Accordion label="Historique des modifications" titleAs="h2" className="fr-mt-6w" expanded={open} onExpandedChange={setOpen}>
      <p role="status" aria-live="polite" className="fr-text--sm fr-mb-2w">
        {state.status === "loading"
          ? "Chargement de l'historique…"
          : total === 0
            ? "Aucune modification : ce rapport n'a pas encore été enregistré."
            : total !== null
              ? `${entries(items.length)} affichée${items.length > 1 ? "s" : ""} sur ${total.toLocaleString("fr-FR")}, de la plus récente à la plus ancienne.`
              : ""}
      </p>
      {items.length > 0 && (
        <ol className="fr-raw-list">
          {items.map((e, i) => {
            const change = statusChange(e);
            const fact = factText(e);
            const changes = changesBesideRemarks(e);
            return (
              <li key={lineKey(e)} ref={i === focusFrom.current ? firstNew : undefined} tabIndex={-1} className="fr-mb-3w">
                <p className="fr-mb-1v">
                  <strong>{lineTitle(e, ACTION_LABELS[e.action])}</strong> {whenText(e)}, par {e.actor} ({versionText(e)})
                </p>
                {change && <p className="fr-mb-1v fr-text--sm">Statut : {change}</p>}
                {fact && <p className="fr-mb-1v fr-text--sm">{fact}</p>}
                {e.remarks.map((r) => {
                  const { title, text } = remarkText(r, labels);
                  return (
                    <p
                      key={`${r.kind}|${r.field ?? ""}`}
                      className="fr-mb-1v fr-text--sm"
                      style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}
                    >
                      <strong>{title}</strong> : {text}
                    </p>
                  );
                })}
                {/* An event of a kind that carries no remark yet keeps its words: never lost, said plainly. */}
                {!fact && e.remarks.length === 0 && e.comment && (
                  <p className="fr-mb-1v fr-text--sm" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
                    Commentaire : {e.comment}
                  </p>
                )}
                {changes.length > 0 && (
                  <ul className="fr-text--sm fr-mb-0">
                    {changes.map((c) => (
                      <li key={c.field}>{changeText(c, labels, e.action)}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {state.status === "error" && <LoadError as="h3" title="Impossible de charger l'historique" error={state.error} onRetry={retry} />}
      {state.status === "ready" && items.length < state.total && (
        <Button priority="secondary" size="small" iconId="fr-icon-arrow-down-line" iconPosition="right" onClick={showMore}>
          Afficher les modifications plus anciennes
        </Button>
      )}
    </Accordion>
  );
}
