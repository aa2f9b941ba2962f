import {
  ZApiError,
  ZAtelierDetail,
  ZAtelierList,
  ZAtelierParams,
  ZListAteliersQuery,
  ZTerritoryDetail,
  ZTerritoryList,
  ZTerritoryParams,
} from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.ts";
import * as service from "./service.ts";

const errors = { 401: ZApiError, 403: ZApiError, 404: ZApiError, 422: ZApiError };

export const referentialRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const { guards } = app;

  app.get(
    "/territories",
    {
      schema: { tags: ["Référentiel"], summary: "Les directions territoriales", response: { 200: ZTerritoryList, ...errors } },
      preHandler: app.allow(),
    },
    async () => await service.territories(db),
  );

  app.get(
    "/territories/:code",
    {
      schema: {
        tags: ["Référentiel"],
        summary: "Une direction territoriale : ses ateliers d'aujourd'hui et sa direction (dans le périmètre de l'appelant)",
        params: ZTerritoryParams,
        response: { 200: ZTerritoryDetail, ...errors },
      },
      preHandler: app.allow(guards.territoryInScope("code")),
    },
    async (request) => await service.territoryDetail(db, request.params.code),
  );

  app.get(
    "/ateliers",
    {
      schema: {
        tags: ["Référentiel"],
        summary: "Les ateliers, avec leur direction territoriale d'aujourd'hui",
        querystring: ZListAteliersQuery,
        response: { 200: ZAtelierList, ...errors },
      },
      preHandler: app.allow(),
    },
    async (request) => await service.ateliers(db, { territoryCode: request.query.territory }),
  );

  app.get(
    "/ateliers/:code",
    {
      schema: {
        tags: ["Référentiel"],
        summary: "Un atelier : rattachements successifs et équipe (dans le périmètre de l'appelant)",
        params: ZAtelierParams,
        response: { 200: ZAtelierDetail, ...errors },
      },
      preHandler: app.allow(guards.hasRole("atelier", "territory", "national", "admin"), guards.atelierInScope("code")),
    },
    async (request) => await service.atelierDetail(db, request.params.code),
  );
};
