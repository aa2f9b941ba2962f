import { addDays, dayInFrench } from "./calendar.ts";

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

/** The roles whose scripts read the platform with a personal API token (section 7.2). */
export const TOKEN_ROLES = ["national", "viewer", "territory"] as const;

export const TOKEN_MAX_DAYS = 366;
export const TOKEN_WARNING_DAYS = 7;

/**
 * The days a new token's last day may fall on, counted from today in Paris:
 * from tomorrow to TOKEN_MAX_DAYS ahead. The API refuses outside them; the
 * profile's date field offers only them.
 */
export function tokenExpiryBounds(today: string): { min: string; max: string } {
  return { min: addDays(today, 1), max: addDays(today, TOKEN_MAX_DAYS) };
}

/** Why a token cannot end on `expiresOn` (French), or null. */
export function tokenExpiryProblem(expiresOn: string, today: string): string | null {
  const { min, max } = tokenExpiryBounds(today);
  if (expiresOn < min) return "Choisissez une date d'expiration après aujourd'hui.";
  if (expiresOn > max) return `Un jeton dure au plus ${TOKEN_MAX_DAYS} jours : choisissez au plus tard le ${dayInFrench(max, true)}.`;
  return null;
}

/** Still valid, but within the week in which its owner is warned by email. */
export const tokenExpiresSoon = (expiresOn: string, today: string) => expiresOn <= addDays(today, TOKEN_WARNING_DAYS);

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
