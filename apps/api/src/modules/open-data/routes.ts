import { OPEN_DATA_CSV_NAME, ZApiError, ZOpenDataIndicators, ZOpenDataSchema } from "@enquete/contract";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { attachment } from "../exports/french-csv.ts";
import { openDataSchema, type PublishedFile, publication } from "./service.ts";

const TAG = "Données ouvertes";
/** The figures of a closed year change rarely (a reopening): an hour in the caches of browsers and proxies. */
const CACHE_CONTROL = "public, max-age=3600";
const LICENCE = "Licence Ouverte / Open Licence version 2.0 (Etalab).";
const errors = { 429: ZApiError, 500: ZApiError, 503: ZApiError };

/** Answers 304 when the client holds this very file (If-None-Match), the file otherwise. */
function sendFile(request: FastifyRequest, reply: FastifyReply, file: PublishedFile, type: string) {
  reply.header("cache-control", CACHE_CONTROL).header("etag", file.etag);
  const held = request.headers["if-none-match"];
  if (typeof held === "string" && held.split(",").some((tag) => tag.trim().replace(/^W\//, "") === file.etag)) {
    return reply.code(304).send();
  }
  return reply.header("content-type", type).send(file.body);
}

/** The closed years' indicators as open data, without sign-in (no guard: anyone may read them). */
export const openDataRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get(
    "/open-data/indicators.json",
    {
      schema: {
        tags: [TAG],
        summary: "Les indicateurs du contrat des années closes (JSON, sans connexion)",
        description: `Pour chaque année civile close : les six indicateurs du contrat, au national et pour chaque direction territoriale de l'année, sur les rapports validés, avec leurs cibles. Rien n'est publié avant la clôture d'une année. ${LICENCE} Mis en cache une heure (ETag, If-None-Match).`,
        response: { 200: ZOpenDataIndicators, ...errors },
      },
    },
    async (request, reply) => sendFile(request, reply, (await publication(db, config)).json, "application/json; charset=utf-8"),
  );

  app.get(
    "/open-data/indicators.csv",
    {
      schema: {
        tags: [TAG],
        summary: "Les indicateurs du contrat des années closes (CSV, sans connexion)",
        description: `Les mêmes lignes que indicators.json, en CSV pour les programmes : UTF-8, séparateur virgule, point décimal, cellule vide pour une valeur absente, en-tête de noms stables décrits par schema.json. ${LICENCE}`,
        produces: ["text/csv"],
        response: errors,
      },
    },
    async (request, reply) => {
      const { csv } = await publication(db, config);
      reply.header("content-disposition", attachment(OPEN_DATA_CSV_NAME));
      return sendFile(request, reply, csv, "text/csv; charset=utf-8");
    },
  );

  app.get(
    "/open-data/schema.json",
    {
      schema: {
        tags: [TAG],
        summary: "Le schéma des données ouvertes (Table Schema)",
        description: `Chaque colonne du CSV (et clé d'une ligne du JSON, en camelCase) : nom, titre, description, type, contraintes, exemple. ${LICENCE}`,
        response: { 200: ZOpenDataSchema, ...errors },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", CACHE_CONTROL);
      return openDataSchema(config);
    },
  );
};
