import { ZApiError, ZLoginBody, ZLoginResponse, ZLogoutRequestBody, ZMe } from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { caller } from "../../plugins/app/auth.ts";
import { tooManySignIns } from "../../plugins/app/limits/messages.ts";
import { clearSessionCookie, setSessionCookie } from "./cookie.ts";
import { withRetryAfter } from "./limits.ts";
import { meRoutes } from "./me-routes.ts";
import { passwordRoutes } from "./password-routes.ts";
import * as service from "./service.ts";
import { endSessions } from "./sessions.ts";

export const authRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const settings = {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
    maxFailuresPerMinute: config.loginMaxPerMinute,
  };

  app.post(
    "/auth/login",
    {
      schema: {
        tags: ["Authentification"],
        summary: "Se connecter",
        description:
          "Ouvre une session et la dépose dans un cookie HttpOnly. Même réponse 401 que l'adresse existe ou non. Les échecs ralentissent les essais suivants (429 avec Retry-After) : 5 échecs par heure sont libres pour un compte depuis une adresse, puis l'attente double à chaque échec (1 s, 2 s, 4 s… 15 min au plus) ; au-delà de 100 échecs par heure sur un compte, la même attente vaut depuis toute adresse d'où la personne ne s'est pas connectée depuis 90 jours.",
        body: ZLoginBody,
        response: { 200: ZLoginResponse, 400: ZApiError, 401: ZApiError, 403: ZApiError, 422: ZApiError, 429: ZApiError },
      },
      // A ceiling on all attempts from one address (each costs an argon2 verification);
      // failed ones are limited more tightly in the service.
      config: {
        rateLimit: {
          max: config.loginMaxPerMinute * 6,
          timeWindow: 60_000,
          errorResponseBuilder: (_request, context) => tooManySignIns(context.ttl),
        },
      },
    },
    async (request, reply) => {
      const { sessionId, me } = await withRetryAfter(reply, () =>
        service.login(db, settings, request.body, request.ip, request.headers["user-agent"] ?? null),
      );
      // A sign-in replaces whatever session the browser had; a refused one leaves it as it was.
      if (request.caller) await service.logout(db, request.caller);
      setSessionCookie(reply, config, sessionId);
      request.log.info({ userId: me.id }, "signed in");
      return me;
    },
  );

  app.post(
    "/auth/logout",
    {
      schema: {
        tags: ["Authentification"],
        summary: "Se déconnecter",
        description: 'Supprime la session sur le serveur ; avec `{ "allDevices": true }`, toutes les sessions de la personne.',
        body: ZLogoutRequestBody,
        response: { 204: z.null().meta({ description: "Session fermée." }), 401: ZApiError, 403: ZApiError, 422: ZApiError },
      },
      preHandler: app.allow(),
    },
    async (request, reply) => {
      const who = caller(request);
      if (request.body?.allDevices) await endSessions(db, who, "all");
      else await service.logout(db, who);
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/me",
    {
      schema: { tags: ["Authentification"], summary: "La personne connectée et ses rôles", response: { 200: ZMe, 401: ZApiError } },
      preHandler: app.allow(),
    },
    async (request) => service.toMe(caller(request)),
  );

  await app.register(passwordRoutes, { db, config });
  await app.register(meRoutes, { db, config });
};
