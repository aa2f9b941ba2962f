import {
  ZApiError,
  ZDistanceLearningImportBody,
  ZDistanceLearningImportQuery,
  ZDistanceLearningImportRefused,
  ZDistanceLearningImportResult,
  ZDistanceLearningMonth,
  ZDistanceLearningParams,
  ZDistanceLearningQuery,
  ZDistanceLearningYear,
  ZSetDistanceLearningBody,
} from "@enquete/contract";
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../../db/client.ts";
import { AppError } from "../../../errors.ts";
import { caller } from "../../../plugins/app/auth.ts";
import * as service from "./service.ts";

const errors = { 401: ZApiError, 403: ZApiError, 422: ZApiError };
/** A CSV of ten years of months weighs a few kilobytes. */
export const IMPORT_BODY_LIMIT = 256 * 1024;

export const distanceLearningRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const national = app.guards.hasRole("national");

  app.get(
    "/distance-learning",
    {
      schema: {
        tags: ["Indicateurs"],
        summary: "Les journées stagiaires MOOC et M@gistère nationales, mois par mois, d'une année civile",
        querystring: ZDistanceLearningQuery,
        response: { 200: ZDistanceLearningYear, ...errors },
      },
      preHandler: app.allow(app.guards.hasRole("national", "admin", "viewer")),
    },
    async (request) => await service.listYear(db, request.query.year),
  );

  app.put(
    "/distance-learning/:period",
    {
      schema: {
        tags: ["Indicateurs"],
        summary: "Saisir les journées stagiaires MOOC et M@gistère d'un mois (national)",
        description: "Ajoutées à l'indicateur 1-1 national seulement. Deux décimales au plus.",
        params: ZDistanceLearningParams,
        body: ZSetDistanceLearningBody,
        response: { 200: ZDistanceLearningMonth, ...errors },
      },
      preHandler: app.allow(national),
    },
    async (request) => await service.setMonth(db, caller(request), request.params.period, request.body),
  );

  // The import takes the CSV file as its body: its own parser, in its own scope only.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(["text/csv", "text/plain"], { parseAs: "string", bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );
    scope.addContentTypeParser("*", (_request, _payload, done) =>
      done(new AppError("UNSUPPORTED_MEDIA_TYPE", 415, "Envoyez le fichier CSV tel quel, avec le type text/csv."), undefined),
    );
    scope.post(
      "/distance-learning/import",
      {
        schema: {
          tags: ["Indicateurs"],
          summary: "Importer les journées MOOC et M@gistère d'un fichier CSV (national), avec aperçu",
          description:
            "Corps : le fichier CSV (text/csv), en-tête period;moocTraineeDays;magistereTraineeDays, séparateur ; ou , (virgule décimale acceptée). dryRun=1 (par défaut) : aperçu des lignes qui seraient écrites et de chaque ligne refusée, sans rien écrire. dryRun=0 : écrit toutes les lignes en une transaction ; une seule ligne refusée bloque tout l'import (422).",
          consumes: ["text/csv"],
          querystring: ZDistanceLearningImportQuery,
          body: ZDistanceLearningImportBody,
          response: {
            200: ZDistanceLearningImportResult,
            413: ZApiError,
            415: ZApiError,
            422: ZDistanceLearningImportRefused.or(ZApiError),
            401: ZApiError,
            403: ZApiError,
          },
        },
        preHandler: scope.allow(national),
      },
      async (request) => await service.importCsv(db, caller(request), request.body, request.query.dryRun),
    );
  });
};
