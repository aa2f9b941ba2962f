import { ZApiError, ZDueDayBody, ZPublicPagesBody, ZReminderDaysBody, ZSettings, ZYearParams } from "@enquete/contract";
import { parisDate } from "@enquete/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { caller } from "../../plugins/app/auth.ts";
import * as service from "./service.ts";

const errors = { 401: ZApiError, 403: ZApiError, 409: ZApiError, 422: ZApiError };

export const settingsRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const national = app.guards.hasRole("national");
  // What the public pages say is the platform's own business as much as the campaign's.
  const nationalOrAdmin = app.guards.hasRole("national", "admin");

  app.get(
    "/settings",
    {
      schema: {
        tags: ["Campagne"],
        summary: "Le jour d'échéance, les jours de rappel, les années closes, l'adresse de contact et la mention d'hébergement",
        response: { 200: ZSettings, ...errors },
      },
      preHandler: app.allow(),
    },
    async () => await service.getSettings(db, config),
  );

  app.put(
    "/settings/due-day",
    {
      schema: {
        tags: ["Campagne"],
        summary: "Changer le jour d'échéance des rapports (national)",
        body: ZDueDayBody,
        response: { 200: ZSettings, ...errors },
      },
      preHandler: app.allow(national),
    },
    async (request) => await service.setDueDay(db, config, caller(request), request.body.dueDay),
  );

  app.put(
    "/settings/reminders",
    {
      schema: {
        tags: ["Campagne"],
        summary: "Changer les jours des rappels aux ateliers (national)",
        description:
          "`daysBefore` : le rappel part ce nombre de jours avant l'échéance (moins que le jour d'échéance, pour partir une fois le mois terminé) ; `daysAfter` : le rappel de retard, ce nombre de jours après. De 1 à 15 jours.",
        body: ZReminderDaysBody,
        response: { 200: ZSettings, ...errors },
      },
      preHandler: app.allow(national),
    },
    async (request) => await service.setReminderDays(db, config, caller(request), request.body),
  );

  app.put(
    "/settings/public-pages",
    {
      schema: {
        tags: ["Campagne"],
        summary: "Changer l'adresse de contact et la mention d'hébergement des pages publiques (national, administration)",
        description:
          "`contactEmail` : l'adresse donnée par les pages d'aide, de contact, de données personnelles et d'accessibilité ; `hostingNotice` : la mention d'hébergement des mentions légales. Un texte vide retire le paramètre.",
        body: ZPublicPagesBody,
        response: { 200: ZSettings, ...errors },
      },
      preHandler: app.allow(nationalOrAdmin),
    },
    async (request) => await service.setPublicPages(db, config, caller(request), request.body),
  );

  app.post(
    "/years/:year/close",
    {
      schema: {
        tags: ["Campagne"],
        summary: "Clore une année (national)",
        description: "Plus aucun rapport de l'année ne change ensuite, sauf par réouverture nationale.",
        params: ZYearParams,
        response: { 200: ZSettings, ...errors },
      },
      preHandler: app.allow(national),
    },
    async (request) => await service.closeYear(db, config, caller(request), request.params.year, parisDate()),
  );
};
