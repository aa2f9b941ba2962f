import type { ReviewAction } from "./reviewRights.ts";

/** What the page says after a decision: done, or refused by the status machine (409) with the server's French reason. */
export type ReviewOutcome = { id: number } & ({ kind: "done"; action: ReviewAction } | { kind: "refused"; message: string });

export const DONE_MESSAGES: Record<ReviewAction, string> = {
  validate: "Rapport validé.",
  return: "Rapport renvoyé à l'atelier avec votre commentaire.",
  reopen: "Rapport rouvert : il est renvoyé à l'atelier.",
};
