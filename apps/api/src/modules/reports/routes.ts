import {
  ZApiError,
  ZAtelierParams,
  ZAtelierReportsQuery,
  ZBatchValidateBody,
  ZBatchValidateResult,
  ZConflict,
  ZListReportsQuery,
  ZReopenReportBody,
  ZReport,
  ZReportHistoryPage,
  ZReportHistoryQuery,
  ZReportList,
  ZReportParams,
  ZReportState,
  ZReturnReportBody,
  ZReviewBatchBody,
  ZReviewBatchResult,
  ZReviewQueue,
  ZReviewQueueQuery,
  ZSavedDraft,
  ZSaveReportBody,
  ZSaveReportHeaders,
  ZSubmitReportBody,
  ZUpgradeReportBody,
} from "@enquete/contract";
import { parisDate, periodOfDate } from "@enquete/domain";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { caller } from "../../plugins/app/auth.ts";
import { currentSettings } from "../settings/service.ts";
import * as decisions from "./decisions.ts";
import * as drafts from "./drafts.ts";
import * as listing from "./listing.ts";
import * as service from "./service.ts";
import { upgradeReport } from "./upgrade.ts";

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 422: ZApiError };

export const reportRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const { guards } = app;
  // National settings (due day, closed years), cached in this process; the revision read with the
  // caller's session says when they changed, in any process, and they are read again.
  const current = (request: FastifyRequest) => currentSettings(db, config, caller(request).settingsRevision);
  const readers = guards.hasRole("atelier", "territory", "national", "admin");

  app.get(
    "/reports",
    {
      schema: {
        tags: ["Enquête"],
        summary: "Les rapports d'un mois, un par atelier du périmètre",
        description:
          "Les ateliers ouverts ce mois-là (et ceux qui en ont un rapport). Pour la file de validation de tous les mois, voir GET /api/review-queue.",
        querystring: ZListReportsQuery,
        response: { 200: ZReportList, ...errors },
      },
      preHandler: app.allow(readers, guards.territoryInScope("territory")),
    },
    async (request) => await listing.listReports(db, caller(request), request.query, await current(request)),
  );

  app.get(
    "/review-queue",
    {
      schema: {
        tags: ["Validation"],
        summary: "La file de validation : tous les rapports soumis du périmètre, tous mois confondus, du plus ancien au plus récent",
        description:
          "Une direction territoriale voit les rapports de ses territoires (le territoire du rapport, celui de l'atelier ce mois-là) ; la direction nationale, tous. `period` filtre les lignes ; `total` et `months` comptent toujours tous les mois.",
        querystring: ZReviewQueueQuery,
        response: { 200: ZReviewQueue, ...errors },
      },
      preHandler: app.allow(guards.hasRole("territory", "national"), guards.territoryInScope("territory")),
    },
    async (request) => await listing.reviewQueue(db, caller(request), request.query, await current(request)),
  );

  app.post(
    "/review-queue/validate",
    {
      schema: {
        tags: ["Validation"],
        summary: "Valider plusieurs rapports soumis, de un ou plusieurs mois",
        description:
          "Chaque rapport est validé dans sa propre transaction ; la réponse dit lesquels ont été validés et lesquels refusés, avec leur mois et la raison.",
        body: ZReviewBatchBody,
        response: { 200: ZReviewBatchResult, ...errors },
      },
      preHandler: app.allow(guards.hasRole("territory", "national")),
    },
    async (request) => await service.validateAcrossMonths(db, caller(request), request.body.items, await current(request)),
  );

  app.get(
    "/ateliers/:code/reports",
    {
      schema: {
        tags: ["Enquête"],
        summary: "Les mois d'un atelier (par défaut : l'année en cours et la précédente)",
        params: ZAtelierParams,
        querystring: ZAtelierReportsQuery,
        response: { 200: ZReportList, ...errors },
      },
      preHandler: app.allow(readers),
    },
    async (request) => {
      const now = periodOfDate(parisDate());
      const from = request.query.from ?? `${now.year - 1}-01`;
      const to = request.query.to ?? `${now.year}-12`;
      return await listing.atelierMonths(db, caller(request), request.params.code, from, to, await current(request));
    },
  );

  app.get(
    "/reports/:atelier/:period",
    {
      schema: {
        tags: ["Enquête"],
        summary: "Un rapport mensuel, avec ses avertissements et son historique",
        description:
          "L'historique complet, du plus ancien au plus récent, une séance d'enregistrements automatiques par ligne ; GET …/history le donne page par page. `conversation` : le dialogue sur le rapport (commentaires de renvoi, motifs de réouverture, réponses de l'atelier, justifications), dans l'ordre.",
        params: ZReportParams,
        response: { 200: ZReport, ...errors },
      },
      preHandler: app.allow(readers),
    },
    async (request) => await service.getReport(db, caller(request), request.params.atelier, request.params.period, await current(request)),
  );

  app.get(
    "/reports/:atelier/:period/history",
    {
      schema: {
        tags: ["Enquête"],
        summary: "L'historique d'un rapport, page par page, le plus récent d'abord",
        description:
          "Chaque enregistrement et chaque décision : qui, quand, les valeurs changées, les textes (`remarks` : commentaire de renvoi, motif de réouverture, réponse de l'atelier, justifications, notes). Les enregistrements successifs d'une même personne à moins de 30 minutes l'un de l'autre, sans autre événement entre eux, font une seule ligne (`saves`, `at` le premier, `until` le dernier, les valeurs de la première à la dernière). `total` compte les lignes ; page commence à 1 (20 par page par défaut, 100 au plus).",
        params: ZReportParams,
        querystring: ZReportHistoryQuery,
        response: { 200: ZReportHistoryPage, ...errors },
      },
      preHandler: app.allow(readers),
    },
    async (request) =>
      await service.reportHistory(
        db,
        caller(request),
        request.params.atelier,
        request.params.period,
        request.query,
        await current(request),
      ),
  );

  app.put(
    "/reports/:atelier/:period",
    {
      schema: {
        tags: ["Enquête"],
        summary: "Enregistrer le brouillon (créé au premier enregistrement)",
        description:
          "If-Match porte la version lue ; 409 avec la version courante quand elle a changé. Un brouillon peut être incomplet. Les valeurs sont celles de la version du questionnaire du rapport (`formVersion`) ; `formVersion` dans le corps dit sur quelle version elles ont été saisies : 409 FORM_VERSION_CHANGED, sans rien écrire, quand ce n'est pas celle du rapport (ou, pour un rapport nouveau, celle du mois). `notes` porte toutes les notes (absentes : inchangées ; une note vide est retirée), chacune sur un champ chiffré de cette version. La réponse dit ce que cet enregistrement a écrit : sa version (celle d'If-Match plus un, ou la même quand rien ne change), ses valeurs, ses notes, ses avertissements ; l'historique est sur GET …/history.",
        params: ZReportParams,
        headers: ZSaveReportHeaders,
        body: ZSaveReportBody,
        response: { 200: ZSavedDraft, 409: ZConflict.or(ZApiError), 428: ZApiError, ...errors },
      },
      preHandler: app.allow(guards.hasRole("atelier")),
    },
    async (request) =>
      await drafts.saveDraft(
        db,
        caller(request),
        request.params.atelier,
        request.params.period,
        {
          values: request.body.values,
          notes: request.body.notes,
          formVersion: request.body.formVersion,
          ifMatch: request.headers["if-match"],
        },
        await current(request),
      ),
  );

  app.post(
    "/reports/:atelier/:period/submit",
    {
      schema: {
        tags: ["Enquête"],
        summary: "Soumettre le rapport à la direction territoriale",
        description:
          "422 avec chaque champ manquant, chaque règle enfreinte et chaque avertissement non justifié. `reply` : la réponse de l'atelier au commentaire de renvoi, pour un rapport renvoyé seulement (422, champ reply, sinon) ; elle figure dans `conversation` et dans l'historique.",
        params: ZReportParams,
        headers: ZSaveReportHeaders,
        body: ZSubmitReportBody,
        response: { 200: ZReportState, 409: ZConflict.or(ZApiError), ...errors },
      },
      preHandler: app.allow(guards.hasRole("atelier")),
    },
    async (request) =>
      await service.submit(
        db,
        caller(request),
        request.params.atelier,
        request.params.period,
        {
          justifications: request.body?.justifications ?? {},
          reply: request.body?.reply,
          ifMatch: request.headers["if-match"],
        },
        await current(request),
      ),
  );

  app.post(
    "/reports/:atelier/:period/form-version",
    {
      schema: {
        tags: ["Enquête"],
        summary: "Passer le rapport à la version du questionnaire en vigueur ce mois-là",
        description:
          "Pour un brouillon ou un rapport renvoyé commencé avec une version plus ancienne (voir `formUpgrade` du rapport). Les valeurs et les notes des champs que la nouvelle version garde sont reprises ; celles des champs retirés ne le sont pas et l'historique les liste. If-Match porte la version lue ; 409 quand elle a changé ; 422 quand la version demandée n'est pas celle de ce mois.",
        params: ZReportParams,
        headers: ZSaveReportHeaders,
        body: ZUpgradeReportBody,
        response: { 200: ZReportState, 409: ZConflict.or(ZApiError), 428: ZApiError, ...errors },
      },
      preHandler: app.allow(guards.hasRole("atelier")),
    },
    async (request) =>
      await upgradeReport(
        db,
        caller(request),
        request.params.atelier,
        request.params.period,
        { formVersion: request.body.formVersion, ifMatch: request.headers["if-match"] },
        await current(request),
      ),
  );

  app.post(
    "/reports/:atelier/:period/validate",
    {
      schema: {
        tags: ["Validation"],
        summary: "Valider un rapport soumis",
        params: ZReportParams,
        response: { 200: ZReportState, 409: ZApiError, ...errors },
      },
      preHandler: app.allow(guards.hasRole("territory", "national")),
    },
    async (request) =>
      await decisions.decide(db, caller(request), "validate", request.params.atelier, request.params.period, null, await current(request)),
  );

  app.post(
    "/reports/validate-batch",
    {
      schema: {
        tags: ["Validation"],
        summary: "Valider plusieurs rapports soumis d'un mois",
        description: "Chaque rapport est validé dans sa propre transaction ; la réponse dit lesquels ont été refusés et pourquoi.",
        body: ZBatchValidateBody,
        response: { 200: ZBatchValidateResult, ...errors },
      },
      preHandler: app.allow(guards.hasRole("territory", "national")),
    },
    async (request) =>
      await decisions.validateBatch(db, caller(request), request.body.period, request.body.atelierCodes, await current(request)),
  );

  app.post(
    "/reports/:atelier/:period/return",
    {
      schema: {
        tags: ["Validation"],
        summary: "Renvoyer un rapport soumis à l'atelier, avec un commentaire",
        params: ZReportParams,
        body: ZReturnReportBody,
        response: { 200: ZReportState, 409: ZApiError, ...errors },
      },
      preHandler: app.allow(guards.hasRole("territory", "national")),
    },
    async (request) =>
      await decisions.decide(
        db,
        caller(request),
        "return",
        request.params.atelier,
        request.params.period,
        request.body.comment,
        await current(request),
      ),
  );

  app.post(
    "/reports/:atelier/:period/reopen",
    {
      schema: {
        tags: ["Validation"],
        summary: "Rouvrir un rapport validé (direction nationale), avec un motif",
        params: ZReportParams,
        body: ZReopenReportBody,
        response: { 200: ZReportState, 409: ZApiError, ...errors },
      },
      preHandler: app.allow(guards.hasRole("national")),
    },
    async (request) =>
      await decisions.decide(
        db,
        caller(request),
        "reopen",
        request.params.atelier,
        request.params.period,
        request.body.reason,
        await current(request),
      ),
  );
};
