import type { TReportEvent } from "@enquete/contract";

export const ACTION_LABELS: Record<TReportEvent["action"], string> = {
  create: "Création",
  save: "Enregistrement",
  submit: "Soumission",
  validate: "Validation",
  return: "Renvoi",
  reopen: "Réouverture",
  move: "Changement de direction territoriale",
};
