import { ZApiError, ZNotificationPreferences, ZOutboxPage, ZOutboxQuery, ZUpdateNotificationPreferencesBody } from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.ts";
import { caller } from "../../plugins/app/auth.ts";
import * as service from "./service.ts";

const errors = { 401: ZApiError, 403: ZApiError, 422: ZApiError };

export const notificationRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/me/notifications",
    {
      schema: {
        tags: ["Notifications"],
        summary: "Mes préférences de courriels (ceux qui concernent mes rôles)",
        response: { 200: ZNotificationPreferences, ...errors },
      },
      preHandler: app.allow(),
    },
    async (request) => await service.getPreferences(db, caller(request)),
  );

  app.put(
    "/me/notifications",
    {
      schema: {
        tags: ["Notifications"],
        summary: "Activer ou désactiver mes courriels non indispensables",
        description: "Seuls les types donnés changent. Les avis de renvoi sont indispensables : les désactiver répond 422.",
        body: ZUpdateNotificationPreferencesBody,
        response: { 200: ZNotificationPreferences, ...errors },
      },
      preHandler: app.allow(),
    },
    async (request) => await service.updatePreferences(db, caller(request), request.body),
  );

  app.get(
    "/outbox",
    {
      schema: {
        tags: ["Administration"],
        summary: "Les courriels de la plateforme, du plus récent au plus ancien (administration)",
        querystring: ZOutboxQuery,
        response: { 200: ZOutboxPage, ...errors },
      },
      preHandler: app.allow(app.guards.hasRole("admin")),
    },
    async (request) => await service.listOutbox(db, request.query),
  );
};
