import { ZPublicContact } from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { publicContact } from "../settings/service.ts";

/** Shared caches may keep the answer a minute: a changed address shows within that time everywhere. */
const CACHE_SECONDS = 60;

/** What anyone may read without signing in: the contact address, due day and hosting notice of the help and legal pages. */
export const publicRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  app.get(
    "/public/contact",
    {
      schema: {
        tags: ["Pages publiques"],
        summary: "L'adresse de contact, le jour d'échéance et la mention d'hébergement (sans connexion)",
        description:
          "Lu par les pages d'aide, de contact et les mentions légales, connecté ou non. `email` et `hostingNotice` valent null tant que l'équipe nationale ne les a pas renseignés. Réponse gardable une minute.",
        response: { 200: ZPublicContact },
      },
    },
    async (request, reply) => {
      const body = await publicContact(db, config, request.caller?.settingsRevision ?? null);
      reply.header("cache-control", `public, max-age=${CACHE_SECONDS}`);
      return body;
    },
  );
};
