/**
 * The signed-in person's own access, from their profile: their password,
 * their sessions, their API tokens. Nobody else's: every id is looked up
 * among the caller's own, and another person's answers 404.
 */
import {
  ZApiError,
  ZApiTokenList,
  ZChangePasswordBody,
  ZCreatedToken,
  ZCreateTokenBody,
  ZSessionList,
  ZSessionParams,
  ZTokenParams,
} from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { caller } from "../../plugins/app/auth.ts";
import { clearSessionCookie } from "./cookie.ts";
import { withRetryAfter } from "./limits.ts";
import * as passwords from "./passwords.ts";
import * as sessions from "./sessions.ts";
import * as tokens from "./tokens.ts";

const done = (description: string) => z.null().meta({ description });

export const meRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.put(
    "/me/password",
    {
      schema: {
        tags: ["Mon compte"],
        summary: "Changer mon mot de passe",
        description:
          "Le mot de passe actuel est demandé (un mot de passe actuel faux compte comme une connexion manquée). Les autres sessions de la personne sont terminées.",
        body: ZChangePasswordBody,
        response: { 204: done("Mot de passe changé."), 401: ZApiError, 403: ZApiError, 422: ZApiError, 429: ZApiError },
      },
      preHandler: app.allow(),
    },
    async (request, reply) => {
      await withRetryAfter(reply, () => passwords.changePassword(db, caller(request), request.body, request.ip, config.loginMaxPerMinute));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/me/sessions",
    {
      schema: {
        tags: ["Mon compte"],
        summary: "Mes sessions ouvertes",
        description:
          "Appareil, adresse, début et dernière utilisation de chaque session encore ouverte ; `current` désigne celle de la requête.",
        response: { 200: ZSessionList, 401: ZApiError },
      },
      preHandler: app.allow(),
    },
    async (request) => await sessions.listSessions(db, caller(request), config.sessionIdleMinutes),
  );

  app.delete(
    "/me/sessions",
    {
      schema: {
        tags: ["Mon compte"],
        summary: "Terminer toutes mes autres sessions",
        response: { 204: done("Les autres sessions sont terminées."), 401: ZApiError, 403: ZApiError },
      },
      preHandler: app.allow(),
    },
    async (request, reply) => {
      await sessions.endSessions(db, caller(request), "others");
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/me/sessions/:id",
    {
      schema: {
        tags: ["Mon compte"],
        summary: "Terminer une de mes sessions",
        description: "404 pour une session inconnue ou d'une autre personne. Terminer la session de la requête efface aussi son cookie.",
        params: ZSessionParams,
        response: { 204: done("Session terminée."), 401: ZApiError, 403: ZApiError, 404: ZApiError },
      },
      preHandler: app.allow(),
    },
    async (request, reply) => {
      const { wasCurrent } = await sessions.endSession(db, caller(request), request.params.id);
      if (wasCurrent) clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/me/tokens",
    {
      schema: {
        tags: ["Mon compte"],
        summary: "Créer un jeton d'API",
        description:
          "Pour les rôles national, tutelle et direction territoriale. Le jeton n'est montré qu'une fois ; il s'envoie en `Authorization: Bearer <jeton>` et ne permet que les requêtes GET, avec les droits de la personne.",
        body: ZCreateTokenBody,
        response: { 201: ZCreatedToken, 401: ZApiError, 403: ZApiError, 422: ZApiError },
      },
      preHandler: app.allow(),
    },
    async (request, reply) => reply.status(201).send(await tokens.createToken(db, caller(request), request.body)),
  );

  app.get(
    "/me/tokens",
    {
      schema: {
        tags: ["Mon compte"],
        summary: "Mes jetons d'API",
        description: "Sans le jeton lui-même : son début (`prefix`), son expiration, sa dernière utilisation et son état.",
        response: { 200: ZApiTokenList, 401: ZApiError, 403: ZApiError },
      },
      preHandler: app.allow(),
    },
    // Listing and revoking stay open to everyone: a person who lost the role keeps a way to end their tokens.
    async (request) => await tokens.listTokens(db, caller(request)),
  );

  app.delete(
    "/me/tokens/:id",
    {
      schema: {
        tags: ["Mon compte"],
        summary: "Révoquer un de mes jetons d'API",
        params: ZTokenParams,
        response: { 204: done("Jeton révoqué."), 401: ZApiError, 403: ZApiError, 404: ZApiError },
      },
      preHandler: app.allow(),
    },
    async (request, reply) => {
      await tokens.revokeToken(db, caller(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
