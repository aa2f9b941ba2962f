import { ApiError, type FieldError } from "../../api/ApiError.ts";

/** The fields an account form shows; a refusal of any other is the summary's. */
export const ACCOUNT_FIELDS = ["email", "displayName", "roles"] as const;

/**
 * The field-by-field refusals of an account change: the 422's own, and the
 * taken address (409), which is the email field's business too.
 */
export function accountFieldErrors(error: unknown): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  if (error.code === "EMAIL_TAKEN") return [{ field: "email", message: error.message }];
  return error.fieldErrors.filter((e) => ACCOUNT_FIELDS.some((f) => e.field === f || e.field.startsWith(`${f}.`)));
}

/** "roles.2.atelierCode" → 2: the role line a refusal points at. */
export function roleLineOf(field: string): number | null {
  const match = /^roles\.(\d+)(?:\.|$)/.exec(field);
  return match ? Number(match[1]) : null;
}

/** The message of each role line, by index, from refusals of the roles. */
export function roleLineErrors(errors: readonly FieldError[]): (string | undefined)[] {
  const lines: (string | undefined)[] = [];
  for (const e of errors) {
    const line = roleLineOf(e.field);
    if (line !== null) lines[line] ??= e.message;
  }
  return lines;
}
