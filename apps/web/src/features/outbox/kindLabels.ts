/** The outbox's kinds of email in French; a kind this page does not know is shown as stored. */
const KIND_LABELS: Record<string, string> = {
  reminder_before: "Rappel avant l'échéance",
  reminder_after: "Rappel de retard",
  digest: "Récapitulatif quotidien",
  report_validated: "Avis de validation",
  report_returned: "Avis de renvoi",
  report_reopened: "Avis de réouverture",
  account_invitation: "Invitation (lien personnel masqué)",
  password_reset: "Nouveau mot de passe (lien personnel masqué)",
  token_expiry: "Expiration d'un jeton d'API",
};

export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind;

/** The API's note on an email left unsent because no SMTP server is configured. */
export const isNoSmtpError = (error: string | null) => error !== null && /aucun serveur SMTP/i.test(error);
