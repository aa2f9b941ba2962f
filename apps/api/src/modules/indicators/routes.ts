import { ZApiError, ZIndicators, ZIndicatorsQuery } from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { caller } from "../../plugins/app/auth.ts";
import { currentSettings } from "../settings/service.ts";
import { scopeGuard } from "./access.ts";
import * as service from "./service.ts";

export const indicatorRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get(
    "/indicators",
    {
      schema: {
        tags: ["Indicateurs"],
        summary: "Les indicateurs du contrat et les chiffres du tableau de bord d'un périmètre et d'une période",
        description:
          "Chiffres officiels (rapports validés) ou provisoires (soumis et validés), avec leur complétude, chacun à côté de la même période un an plus tôt (previous : même périmètre, même base ; pour une année en cours, les mêmes mois terminés). Les valeurs en % sont des pourcentages (12,5 pour 12,5 %). Un territoire compte chaque rapport dans le territoire de l'atelier au mois du rapport.",
        querystring: ZIndicatorsQuery,
        response: { 200: ZIndicators, 401: ZApiError, 403: ZApiError, 404: ZApiError, 422: ZApiError, 429: ZApiError },
      },
      preHandler: app.allow(scopeGuard(db)),
      config: { costly: true },
    },
    async (request) => {
      const who = caller(request);
      // The national settings cached for the caller's revision: the due day and the published questionnaire versions.
      const settings = await currentSettings(db, config, who.settingsRevision);
      return await service.computeIndicators(db, request.query, { dueDay: settings.dueDay, forms: settings.forms, grants: who.grants });
    },
  );
};
