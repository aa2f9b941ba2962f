/** What each remark of a report is, in words (pure, no React): the history and the conversation name them alike. */
import type { TRemark } from "@enquete/contract";

const KIND_LABELS: Record<TRemark["kind"], string> = {
  return_comment: "Commentaire de renvoi",
  reopen_reason: "Motif de réouverture",
  reply: "Réponse de l'atelier",
  justification: "Justification",
  note: "Note",
};

/**
 * "Commentaire de renvoi", "Réponse de l'atelier", "Justification : <the
 * warning's message>", "Note sur « <the field's label> »". A note's field is
 * named by its label when the event kept it, else by the report's form, else
 * by its code (a field a change of version retired).
 */
export function remarkTitle(remark: Pick<TRemark, "kind" | "field" | "label">, labels?: ReadonlyMap<string, string>): string {
  if (remark.kind === "justification") return remark.label ? `Justification : ${remark.label}` : KIND_LABELS.justification;
  if (remark.kind === "note") {
    const field = remark.label ?? (remark.field ? (labels?.get(remark.field) ?? remark.field) : "");
    return field ? `Note sur « ${field} »` : KIND_LABELS.note;
  }
  return KIND_LABELS[remark.kind];
}
