/**
 * Accounts are found by email, whatever its case or surrounding spaces.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** An invitation link is valid 72 hours; a password reset link, one hour (section 7.2). */
export const INVITATION_LINK_HOURS = 72;
export const RESET_LINK_MINUTES = 60;
/** A personal API token lasts at most a year; its owner is warned a week before it ends. */
/** The web page the invitation and reset links lead to (the secret follows after #). */
export const PASSWORD_LINK_PATH = "/mot-de-passe";
export const FORGOT_PASSWORD_PATH = "/mot-de-passe-oublie";

export const TOKEN_MAX_DAYS = 366;
export const TOKEN_WARNING_DAYS = 7;

export const ACCOUNT_STATUSES = ["invited", "active", "disabled"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const ACCOUNT_STATUS_LABELS: Record<AccountStatus, string> = {
  invited: "Invitation en attente",
  active: "Actif",
  disabled: "Désactivé",
};

/** Disabled wins; otherwise an account without a password (nor a sign-in by SSO) is still invited. */
export function accountStatus(account: { active: boolean; passwordSet: boolean; everSignedIn?: boolean }): AccountStatus {
  if (!account.active) return "disabled";
  if (!account.passwordSet && !account.everSignedIn) return "invited";
  return "active";
}
