/**
 * Accounts are found by email, whatever its case or surrounding spaces.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const PASSWORD_MIN_LENGTH = 12;

/** French reasons why a password chosen for a real account is too weak (none: fine). */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères.`);
  }
  if (password.length > 256) problems.push("Le mot de passe ne doit pas dépasser 256 caractères.");
  if (new Set(password).size < 5) problems.push("Le mot de passe doit comporter au moins 5 caractères différents.");
  if (email && password.toLowerCase().includes(normalizeEmail(email).split("@")[0] ?? "\u0000")) {
    problems.push("Le mot de passe ne doit pas contenir l'identifiant de l'adresse électronique.");
  }
  return problems;
}
