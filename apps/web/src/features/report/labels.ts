import type { TReportEvent } from "@enquete/contract";

export const ACTION_LABELS: Record<TReportEvent["action"], string> = {
  create: "Création",
  save: "Enregistrement",
  submit: "Soumission",
  validate: "Validation",
  return: "Renvoi",
  reopen: "Réouverture",
  move: "Rattachement",
  upgrade: "Passage à une nouvelle version du questionnaire",
};

/**
 * What a move says on the report: the API writes it in French ("Rattaché à
 * la direction territoriale Normandie à partir de septembre 2026…"); it is
 * the fact itself, not a person's comment.
 */
export function moveText(comment: string | null): string {
  return comment?.trim() || "Rattaché à une autre direction territoriale.";
}
