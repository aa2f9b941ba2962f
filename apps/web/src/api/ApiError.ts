import type { TApiError } from "@enquete/contract";

export type FieldError = { field: string; message: string };

/** A failed call to the API: HTTP status (0 when the server could not be reached), stable code, French message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly fieldErrors: FieldError[];
  /** The whole body of the answer: some errors carry data (a 409 conflict carries the current version). */
  readonly body: unknown;

  constructor(status: number, body: Pick<TApiError, "code" | "message"> & Partial<TApiError>) {
    super(body.message);
    this.name = "ApiError";
    this.status = status;
    this.code = body.code;
    this.requestId = body.requestId;
    this.fieldErrors = body.errors ?? [];
    this.body = body;
  }
}

export const NETWORK_ERROR_MESSAGE = "Le serveur ne répond pas. Vérifiez votre connexion à internet, puis réessayez.";

export function networkError(): ApiError {
  return new ApiError(0, { code: "NETWORK_ERROR", message: NETWORK_ERROR_MESSAGE });
}

/** Any thrown value, as the French sentence to show a person. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Une erreur inattendue s'est produite. Rechargez la page ; si elle persiste, signalez-la.";
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}
