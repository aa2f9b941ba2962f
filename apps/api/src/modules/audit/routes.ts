import { ZApiError, ZAuditPage, ZAuditQuery } from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.ts";
import * as service from "./service.ts";

/** GET /api/audit (admin): the administrative journal. */
export const auditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    "/audit",
    {
      schema: {
        tags: ["Administration"],
        summary: "Le journal des actions d'administration, du plus récent au plus ancien (administration)",
        description:
          "Qui, quand, quoi, l'état avant et après. actor : l'identifiant d'une personne, ou une partie de son nom ou de son adresse ; action : exacte (user.created) ou une famille terminée par un point (user.) ; subject : exact (user:<id>, atelier:86) ; from et to : jours inclus, heure de Paris. actions : toutes les actions déjà enregistrées, avec leur libellé.",
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage, 401: ZApiError, 403: ZApiError, 422: ZApiError },
      },
      preHandler: app.allow(app.guards.hasRole("admin")),
    },
    async (request) => await service.listAudit(db, request.query),
  );
};
