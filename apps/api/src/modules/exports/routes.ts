import { Readable } from "node:stream";
import { ZApiError, ZIndicatorsExportQuery, ZReportsExportQuery } from "@enquete/contract";
import { exportReach, indicatorRange, type PeriodRange, type YearType } from "@enquete/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { caller } from "../../plugins/app/auth.ts";
import { currentSettings } from "../settings/service.ts";
import { dashboardExportGuard, reportsExportGuard } from "./access.ts";
import { dashboardData } from "./dashboard.ts";
import { attachment } from "./french-csv.ts";
import { reportsCsv } from "./reports-csv.ts";
import { dashboardWorkbook } from "./workbook.ts";

// The files skip the JSON serializer (a stream, a buffer): the response schemas describe the errors.
const errors = { 401: ZApiError, 403: ZApiError, 422: ZApiError, 429: ZApiError };
const yearName = (year: number, yearType: YearType) => (yearType === "school" ? `année-scolaire-${year}-${year + 1}` : `année-${year}`);

export const exportRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get(
    "/exports/reports.csv",
    {
      schema: {
        tags: ["Exports"],
        summary: "Les rapports d'une année, un par ligne, une colonne par code de champ (CSV pour Excel)",
        description:
          "UTF-8 avec BOM, séparateur ;, virgule décimale, textes entre guillemets. Périmètre de l'appelant : tout (national, administration, tutelle), sa direction territoriale (territoire du mois du rapport), ses ateliers.",
        querystring: ZReportsExportQuery,
        produces: ["text/csv"],
        response: errors,
      },
      preHandler: app.allow(reportsExportGuard),
      config: { costly: true },
    },
    async (request, reply) => {
      const { year, yearType } = request.query;
      const range = indicatorRange({ year, yearType }) as PeriodRange;
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", attachment(`rapports-mensuels-${yearName(year, yearType)}.csv`));
      const { forms } = await currentSettings(db, config, caller(request).settingsRevision);
      return reply.send(Readable.from(reportsCsv(db, range, exportReach(caller(request).grants), forms)) as never);
    },
  );

  app.get(
    "/exports/indicators.xlsx",
    {
      schema: {
        tags: ["Exports"],
        summary: "Le tableau de bord d'une année en classeur Excel (chiffres officiels)",
        description:
          "Indicateurs nationaux (valeur de référence, cible, valeur, taux d'atteinte, complétude), une feuille par direction territoriale du périmètre, les totaux mensuels, les fiches. Réservé aux directions nationale et territoriales, à l'administration et à la tutelle.",
        querystring: ZIndicatorsExportQuery,
        produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
        response: errors,
      },
      preHandler: app.allow(dashboardExportGuard),
      config: { costly: true },
    },
    async (request, reply) => {
      const { year, yearType } = request.query;
      const { dueDay, forms } = await currentSettings(db, config, caller(request).settingsRevision);
      const data = await dashboardData(db, exportReach(caller(request).grants), { year, yearType }, { dueDay, forms });
      const file = await dashboardWorkbook(data);
      reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", attachment(`tableau-de-bord-indicateurs-${yearName(year, yearType)}.xlsx`));
      return reply.send(file as never);
    },
  );
};
