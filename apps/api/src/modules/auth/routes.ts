import { ZApiError, ZLoginBody, ZLoginResponse, ZMe } from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { caller } from "../../plugins/app/auth.ts";
import { tooManySignIns } from "../../plugins/app/limits/messages.ts";
import { clearSessionCookie, setSessionCookie } from "./cookie.ts";
import * as service from "./service.ts";

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
        description: "Ouvre une session et la dépose dans un cookie HttpOnly. Même réponse 401 que l'adresse existe ou non.",
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
      const { sessionId, me } = await service.login(db, settings, request.body, request.ip, request.headers["user-agent"] ?? null);
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
        description: "Supprime la session sur le serveur.",
        response: { 204: z.null().meta({ description: "Session fermée." }), 401: ZApiError, 403: ZApiError },
      },
      preHandler: app.allow(),
    },
    async (request, reply) => {
      await service.logout(db, caller(request));
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
};
