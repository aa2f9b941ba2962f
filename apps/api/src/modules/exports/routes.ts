import { Readable } from "node:stream";
import { type TReportsExportQuery, ZApiError, ZIndicatorsExportQuery, ZReportsExportQuery } from "@enquete/contract";
import { exportReach, firstMonthNotOver, indicatorRange, type PeriodRange, parisDate, type YearType } from "@enquete/domain";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { caller } from "../../plugins/app/auth.ts";
import { currentSettings } from "../settings/service.ts";
import { dashboardExportGuard, reportsExportGuard } from "./access.ts";
import { dashboardData } from "./dashboard.ts";
import { attachment } from "./french-csv.ts";
import { reportsCsv } from "./reports-csv.ts";
import { reportsXlsx } from "./reports-xlsx.ts";
import type { ExportFilter } from "./repository.ts";
import { dashboardWorkbook } from "./workbook.ts";

// The files skip the JSON serializer (a stream, a buffer): the response schemas describe the errors.
const errors = { 401: ZApiError, 403: ZApiError, 422: ZApiError, 429: ZApiError };
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const REPORTS_DESCRIPTION =
  "Une ligne par rapport du périmètre de l'appelant (tout pour le national, l'administration et la tutelle ; sa direction territoriale, au territoire du mois du rapport ; ses ateliers), et une ligne vide par rapport attendu et absent (atelier ouvert, mois terminé), au statut not_started. Colonnes : atelier (code, nom, département), direction territoriale du mois (code, nom), attributs de l'atelier ce mois-là, mois, statut (code, libellé), date limite et retard, versions du rapport et du questionnaire, première et dernière soumission, validation (date, personne), dernier renvoi (commentaire, date, personne), justifications, réouvertures (nombre, dernière : date, personne, motif), un champ par colonne pour chaque version publiée du questionnaire, notes. status=not_started,draft,submitted,returned,validated (liste, au choix) ne garde que ces statuts.";
const yearName = (year: number, yearType: YearType) => (yearType === "school" ? `année-scolaire-${year}-${year + 1}` : `année-${year}`);

export const exportRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const reportsFilter = (request: FastifyRequest, query: TReportsExportQuery): ExportFilter => ({
    range: indicatorRange({ year: query.year, yearType: query.yearType }) as PeriodRange,
    reach: exportReach(caller(request).grants),
    statuses: query.status,
    firstMonthNotOver: firstMonthNotOver(parisDate()),
  });
  const statusName = (query: TReportsExportQuery) => (query.status ? `-${query.status.join("-")}` : "");

  app.get(
    "/exports/reports.csv",
    {
      schema: {
        tags: ["Exports"],
        summary: "Les rapports d'une année, un par ligne, pour un script (CSV)",
        description: `${REPORTS_DESCRIPTION} CSV : UTF-8 avec BOM, séparateur ;, virgule décimale, textes entre guillemets, dates AAAA-MM-JJ et AAAA-MM-JJ hh:mm (heure de Paris). En-têtes : intitulés en français (headers=labels, par défaut) ou codes stables (headers=codes), qui nomment aussi les champs des notes et les avertissements des justifications. Un tableur lit un texte entre guillemets comme « 01 » ou « 12,5 » comme un nombre : pour un tableur, prenez reports.xlsx (ou, dans LibreOffice, cochez « Formater les champs entre guillemets comme texte » à l'import).`,
        querystring: ZReportsExportQuery,
        produces: ["text/csv"],
        response: errors,
      },
      preHandler: app.allow(reportsExportGuard),
      config: { costly: true },
    },
    async (request, reply) => {
      const { year, yearType, headers } = request.query;
      const { dueDay, forms } = await currentSettings(db, config, caller(request).settingsRevision);
      reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", attachment(`rapports-mensuels-${yearName(year, yearType)}${statusName(request.query)}.csv`));
      return reply.send(Readable.from(reportsCsv(db, reportsFilter(request, request.query), forms, { dueDay, headers })) as never);
    },
  );

  app.get(
    "/exports/reports.xlsx",
    {
      schema: {
        tags: ["Exports"],
        summary: "Les rapports d'une année, un par ligne, pour un tableur (classeur XLSX typé)",
        description: `${REPORTS_DESCRIPTION} Classeur : en-têtes en français, codes en texte (01 reste 01), nombres et dates typés avec un seul format par colonne, ligne d'en-tête figée et filtrée, feuille « Colonnes » qui décrit chaque colonne. Le paramètre headers n'y change rien.`,
        querystring: ZReportsExportQuery,
        produces: [XLSX],
        response: errors,
      },
      preHandler: app.allow(reportsExportGuard),
      config: { costly: true },
    },
    async (request, reply) => {
      const { year, yearType } = request.query;
      const { dueDay, forms } = await currentSettings(db, config, caller(request).settingsRevision);
      reply
        .header("content-type", XLSX)
        .header("content-disposition", attachment(`rapports-mensuels-${yearName(year, yearType)}${statusName(request.query)}.xlsx`));
      return reply.send(reportsXlsx(db, reportsFilter(request, request.query), forms, { dueDay }) as never);
    },
  );

  app.get(
    "/exports/indicators.xlsx",
    {
      schema: {
        tags: ["Exports"],
        summary: "Le tableau de bord d'une année en classeur Excel (chiffres officiels et provisoires)",
        description:
          "Indicateurs nationaux (valeur de référence, cible, valeur, taux d'atteinte, complétude, valeur de l'année précédente et évolution), une feuille par direction territoriale du périmètre, en chiffres officiels (rapports validés) puis provisoires (soumis et validés), les totaux mensuels, les fiches. Réservé aux directions nationale et territoriales, à l'administration et à la tutelle.",
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
