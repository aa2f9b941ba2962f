/**
 * One JSON error shape for every failure, French messages, no stack traces.
 */
import type { FastifyError, FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError } from "../../errors.ts";

const CONTEXT_LABELS: Record<string, string> = {
  body: "corps",
  querystring: "paramètres",
  params: "adresse",
  headers: "en-têtes",
};

/** Fastify's own client errors, with the French words a user can act on. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: "MALFORMED_JSON", message: "Le corps de la requête n'est pas un JSON valide." },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: "EMPTY_BODY",
    message: "Le corps de la requête est vide alors qu'un JSON est attendu.",
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: "BODY_TOO_LARGE", message: "Le corps de la requête est trop volumineux." },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    message: "Type de contenu non pris en charge : envoyez du JSON (application/json).",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: "BAD_CONTENT_LENGTH",
    message: "La longueur annoncée du corps ne correspond pas à ce qui a été reçu.",
  },
};

export default fp(
  async function errorHandler(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const requestId = String(request.id);
      if (error instanceof AppError) {
        return reply.status(error.httpStatus).send({
          code: error.code,
          message: error.message,
          requestId,
          ...(error.errors ? { errors: error.errors } : {}),
          ...(error.extra ?? {}),
        });
      }
      if (hasZodFastifySchemaValidationErrors(error)) {
        const context = (error as { validationContext?: string }).validationContext ?? "body";
        const errors = error.validation.map((v) => ({
          field: v.instancePath.replace(/^\//, "").replaceAll("/", ".") || CONTEXT_LABELS[context] || context,
          message: v.message ?? "Valeur invalide.",
        }));
        return reply.status(422).send({
          code: "VALIDATION_FAILED",
          message: "La requête contient des valeurs invalides : corrigez les champs signalés.",
          requestId,
          errors,
        });
      }
      const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
      if (known) return reply.status(known.status).send({ code: known.code, message: known.message, requestId });
      if (error.statusCode === 429) {
        return reply.status(429).send({
          code: "TOO_MANY_REQUESTS",
          message: error.message || "Trop de requêtes. Patientez une minute avant de réessayer.",
          requestId,
        });
      }
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return reply.status(error.statusCode).send({ code: "BAD_REQUEST", message: "Requête invalide.", requestId });
      }
      request.log.error({ err: error }, "unexpected error");
      return reply.status(500).send({
        code: "INTERNAL_ERROR",
        message: "Une erreur inattendue s'est produite. Réessayez ; si elle persiste, signalez-la avec ce numéro de requête.",
        requestId,
      });
    });

    app.setNotFoundHandler((request, reply) => {
      // Client-side routes of the web app (no file extension) get the app, which shows its own 404 page.
      const pathname = request.url.split("?")[0] ?? "";
      const webRoot = app.hasDecorator("webAppRoot") ? (app as unknown as { webAppRoot: string }).webAppRoot : null;
      if (
        webRoot &&
        (request.method === "GET" || request.method === "HEAD") &&
        !pathname.startsWith("/api/") &&
        !/\.[a-z0-9]+$/i.test(pathname)
      ) {
        return reply.header("cache-control", "no-cache").type("text/html; charset=utf-8").sendFile("index.html", webRoot);
      }
      return reply.status(404).send({ code: "NOT_FOUND", message: "Cette adresse n'existe pas.", requestId: String(request.id) });
    });
  },
  { name: "error-handler" },
);
