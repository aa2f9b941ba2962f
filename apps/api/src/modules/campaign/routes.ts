import { ZApiError, ZCampaign, ZCampaignQuery } from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { caller } from "../../plugins/app/auth.ts";
import { dueDay } from "../settings/service.ts";
import * as service from "./service.ts";

export const campaignRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get(
    "/campaign",
    {
      schema: {
        tags: ["Campagne"],
        summary: "Le suivi de la campagne d'une année : statut de chaque rapport, taux de réponse, retards",
        querystring: ZCampaignQuery,
        response: { 200: ZCampaign, 401: ZApiError, 403: ZApiError, 404: ZApiError, 422: ZApiError, 429: ZApiError },
      },
      preHandler: app.allow(app.guards.hasRole("territory", "national", "admin", "viewer"), app.guards.territoryInScope("territory")),
      config: { costly: true },
    },
    async (request) => await service.campaign(db, caller(request), request.query.year, request.query.territory, await dueDay(db, config)),
  );
};
