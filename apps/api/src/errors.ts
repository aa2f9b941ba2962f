/**
 * The one error type of the API: a stable code for programs, an HTTP status,
 * and a French message for people.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
    readonly errors?: { field: string; message: string }[],
    /** More of the answer's body, for errors that carry data (a conflict carries the current version). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const unauthenticated = () =>
  new AppError("UNAUTHENTICATED", 401, "Vous n'êtes pas connecté, ou votre session a expiré. Connectez-vous.");
export const forbidden = (message = "Vous n'avez pas accès à cette ressource.") => new AppError("FORBIDDEN", 403, message);
export const notFound = (message = "Cette ressource n'existe pas.") => new AppError("NOT_FOUND", 404, message);

/** The answer to a request whose values are refused, field by field. */
export const VALIDATION_FAILED_MESSAGE = "La requête contient des valeurs invalides : corrigez les champs signalés.";
export const validationFailed = (errors: { field: string; message: string }[], message = VALIDATION_FAILED_MESSAGE) =>
  new AppError("VALIDATION_FAILED", 422, message, errors);
