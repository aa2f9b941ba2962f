import { ZApiError, ZSetTargetBody, ZTarget, ZTargetList, ZTargetParams } from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../../db/client.ts";
import { caller } from "../../../plugins/app/auth.ts";
import * as service from "./service.ts";

const errors = { 401: ZApiError, 403: ZApiError, 404: ZApiError, 422: ZApiError };

export const targetRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/targets",
    {
      schema: {
        tags: ["Indicateurs"],
        summary: "Les cibles annuelles et les valeurs de référence des indicateurs du contrat",
        description: "Les cibles des indicateurs en % sont des pourcentages (15 pour 15 %).",
        response: { 200: ZTargetList, ...errors },
      },
      preHandler: app.allow(app.guards.hasRole("atelier", "territory", "national", "admin", "viewer")),
    },
    async () => await service.listTargets(db),
  );

  app.put(
    "/targets/:indicator/:year",
    {
      schema: {
        tags: ["Indicateurs"],
        summary: "Fixer la cible (ou la valeur de référence) d'un indicateur pour une année (national)",
        description:
          "Toute année à partir de 2016 ; un nouveau contrat ajoute ses années. Pour un indicateur en %, un pourcentage (15 pour 15 %).",
        params: ZTargetParams,
        body: ZSetTargetBody,
        response: { 200: ZTarget, ...errors },
      },
      preHandler: app.allow(app.guards.hasRole("national")),
    },
    async (request) => await service.setTarget(db, caller(request), request.params, request.body),
  );
};
