/**
 * One JSON error shape for every failure, French messages, no stack traces,
 * and never the input echoed back: the errors of our code and of the
 * database (setErrorHandler), those Fastify's router raises before any route
 * runs (frameworkErrors), and those Node's HTTP parser raises before Fastify
 * sees a request at all (clientErrorHandler).
 */
import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, isUnstorableText } from "../../db/errors.ts";
import { AppError, VALIDATION_FAILED_MESSAGE } from "../../errors.ts";

interface Answer {
  status: number;
  code: string;
  message: string;
}

const CONTEXT_LABELS: Record<string, string> = {
  body: "corps",
  querystring: "paramètres",
  params: "adresse",
  headers: "en-têtes",
};

const BAD_CONTENT_LENGTH: Answer = {
  status: 400,
  code: "BAD_CONTENT_LENGTH",
  message: "La longueur annoncée du corps (Content-Length) ne correspond pas à ce qui a été reçu.",
};
const URL_TOO_LONG: Answer = {
  status: 414,
  code: "URL_TOO_LONG",
  message: "L'adresse demandée est trop longue.",
};
const MALFORMED_REQUEST: Answer = {
  status: 400,
  code: "MALFORMED_REQUEST",
  message: "La requête HTTP est mal formée : elle n'a pas pu être lue.",
};

/** Fastify's own client errors, with the French words a user can act on. */
const FASTIFY_ERRORS: Record<string, Answer> = {
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
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: BAD_CONTENT_LENGTH,
  // The router's, through frameworkErrors: Fastify's own messages would repeat the address.
  FST_ERR_BAD_URL: {
    status: 400,
    code: "BAD_URL",
    message: "L'adresse demandée est mal formée (un caractère y est mal encodé).",
  },
  FST_ERR_MAX_PARAM_LENGTH: URL_TOO_LONG,
};

/** Node's HTTP parser errors (llhttp codes), reaching clientErrorHandler before any request exists. */
const PARSER_ERRORS: Record<string, Answer> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: "REQUEST_TIMEOUT",
    message: "La requête a mis trop de temps à arriver : réessayez.",
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: "HEADERS_TOO_LARGE",
    message: "Les en-têtes de la requête sont trop volumineux (des cookies trop nombreux, peut-être).",
  },
  HPE_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: "BAD_CONTENT_LENGTH",
    message: "La longueur annoncée du corps de la requête (Content-Length) est invalide.",
  },
  HPE_UNEXPECTED_CONTENT_LENGTH: {
    status: 400,
    code: "BAD_CONTENT_LENGTH",
    message: "La longueur du corps de la requête (Content-Length) est annoncée plusieurs fois.",
  },
  HPE_INVALID_TRANSFER_ENCODING: {
    status: 400,
    code: "MALFORMED_TRANSFER",
    message: "Le découpage du corps de la requête (Transfer-Encoding) est invalide, ou accompagné d'une longueur (Content-Length).",
  },
  HPE_INVALID_CHUNK_SIZE: {
    status: 400,
    code: "MALFORMED_TRANSFER",
    message: "Le corps de la requête est mal découpé (Transfer-Encoding: chunked).",
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    code: "MALFORMED_TRANSFER",
    message: "Le corps de la requête est mal découpé (extensions de morceaux trop longues).",
  },
  HPE_INVALID_METHOD: {
    status: 400,
    code: "UNKNOWN_METHOD",
    message: "La méthode HTTP de la requête est inconnue.",
  },
};

const INTERNAL_ERROR_MESSAGE = "Une erreur inattendue s'est produite. Réessayez ; si elle persiste, signalez-la avec ce numéro de requête.";
const DATABASE_UNAVAILABLE_MESSAGE =
  "Le service est momentanément indisponible : la base de données ne répond pas. Réessayez dans quelques secondes.";
/** Another process (or this one, restarted) takes over within seconds. */

function send(reply: FastifyReply, answer: Answer, requestId: string) {
  return reply.status(answer.status).send({ code: answer.code, message: answer.message, requestId });
}

/**
 * Router errors (a badly encoded address, a path segment over maxParamLength)
 * are raised before any route, hence before the hooks that add our headers.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const answer = FASTIFY_ERRORS[error.code] ?? { status: 500, code: "INTERNAL_ERROR", message: INTERNAL_ERROR_MESSAGE };
  if (answer.status >= 500) request.log.error({ err: error }, "unexpected router error");
  reply.header("x-request-id", request.id).header("cache-control", "no-store");
  return send(reply, answer, String(request.id));
}

/**
 * The request line alone past the header limit: the address is what is too
 * long. Only the chunk that overflowed is at hand (rawPacket), so an address
 * split over several TCP chunks is reported as too large headers (431), which
 * is still true.
 */
function isUrlOverflow(rawPacket: unknown): boolean {
  // Typed by Fastify as a Buffer's JSON form; Node gives the Buffer itself.
  if (!Buffer.isBuffer(rawPacket)) return false;
  const head = rawPacket.toString("latin1", 0, Math.min(rawPacket.length, 64 * 1024));
  if (!/^[A-Z]+ /.test(head)) return false;
  const endOfLine = head.indexOf("\r\n");
  return endOfLine === -1 || endOfLine > 8 * 1024;
}

const LENGTH_WITH_TRANSFER: Answer = {
  status: 400,
  code: "MALFORMED_TRANSFER",
  message: "La requête annonce à la fois une longueur (Content-Length) et un découpage (Transfer-Encoding) : elle est refusée.",
};

function parserAnswer(error: ConnectionError): Answer {
  if (error.code === "HPE_HEADER_OVERFLOW" && isUrlOverflow(error.rawPacket)) return URL_TOO_LONG;
  // llhttp reports Content-Length after Transfer-Encoding under the Content-Length code; its message tells the two apart.
  if (error.code === "HPE_INVALID_CONTENT_LENGTH" && error.message.includes("Transfer-Encoding")) return LENGTH_WITH_TRANSFER;
  return (error.code && PARSER_ERRORS[error.code]) || MALFORMED_REQUEST;
}

/**
 * What Node's HTTP parser refuses (headers too large, Transfer-Encoding with
 * Content-Length, bad chunking, an invalid Content-Length, an unknown method)
 * never becomes a request: the answer is written on the socket as raw HTTP,
 * and the connection is closed, since the parser cannot tell where the next
 * request would start.
 */
export function clientErrorHandler(this: FastifyInstance, error: ConnectionError, socket: Socket) {
  // A connection reset has nobody left to answer.
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const requestId = randomUUID();
  const answer = parserAnswer(error);
  this.log.info({ requestId, parserError: error.code, status: answer.status }, "malformed request refused");
  // A response already under way on this connection must not get another one spliced into it.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const body = JSON.stringify({ code: answer.code, message: answer.message, requestId });
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n` +
        "Content-Type: application/json; charset=utf-8\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "Cache-Control: no-store\r\n" +
        `X-Request-Id: ${requestId}\r\n` +
        "Connection: close\r\n\r\n" +
        body,
    );
  }
  socket.destroy();
}

export default fp(
  async function errorHandler(app: FastifyInstance) {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const requestId = String(request.id);
      // The answer is built here, in the one shape. A route's response schema for the same status
      // (health's 503 is its own) must not turn it into a serialization failure, a 500 in Fastify's shape.
      reply.serializer(JSON.stringify).type("application/json; charset=utf-8");
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
        return reply.status(422).send({ code: "VALIDATION_FAILED", message: VALIDATION_FAILED_MESSAGE, requestId, errors });
      }
      const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
      if (known) return send(reply, known, requestId);
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
      // From a handler or from a hook (the session lookup runs in onRequest): the database is away, not broken.
      if (isDatabaseUnavailable(error)) {
        request.log.warn({ err: error }, "database unavailable");
        reply.header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
        return send(reply, { status: 503, code: "DATABASE_UNAVAILABLE", message: DATABASE_UNAVAILABLE_MESSAGE }, requestId);
      }
      // The text guard refuses such text before any query; this is the net under it (text made by a service, say).
      if (isUnstorableText(error)) {
        request.log.warn({ err: error }, "text the database cannot store");
        return send(
          reply,
          {
            status: 422,
            code: "VALIDATION_FAILED",
            message: "La requête contient du texte qui ne peut pas être enregistré (caractère nul ou caractère Unicode incomplet).",
          },
          requestId,
        );
      }
      request.log.error({ err: error }, "unexpected error");
      return send(reply, { status: 500, code: "INTERNAL_ERROR", message: INTERNAL_ERROR_MESSAGE }, requestId);
    });

    // While closing (a deploy, a stop), requests that still reach this process, on connections it
    // already had, are served: the database stays open until they are done. Each answer closes its
    // connection, so the client's next request opens a new one, to a process that is not stopping.
    let closing = false;
    app.addHook("preClose", async () => {
      closing = true;
    });
    app.addHook("onRequest", async (_request, reply) => {
      if (closing) reply.header("connection", "close");
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
