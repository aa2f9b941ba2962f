import {
  ZApiError,
  ZCreateFormBody,
  ZDraftHeaders,
  ZForm,
  ZFormQuery,
  ZFormVersionDetail,
  ZFormVersionList,
  ZFormVersionParams,
  ZPublishFormBody,
  ZUpdateFormBody,
} from "@enquete/contract";
import { PUBLICATION_MONTHS_AHEAD, parisDate } from "@enquete/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { caller } from "../../plugins/app/auth.ts";
import { actorOf } from "../audit/record.ts";
import { currentSettings } from "../settings/service.ts";
import * as service from "./service.ts";

const tags = ["Questionnaire"];
const errors = { 401: ZApiError, 403: ZApiError, 404: ZApiError, 422: ZApiError };
const changeErrors = { ...errors, 409: ZApiError };
const guardedErrors = { ...changeErrors, 428: ZApiError };

/** Publication and deletion act on the draft as read: without its `updatedAt`, 428. */
function requiredIfMatch(header: string | undefined, what: string): string {
  if (!service.ifMatchOf(header)) {
    throw new AppError(
      "PRECONDITION_REQUIRED",
      428,
      `Envoyez dans l'en-tête If-Match la date de modification du brouillon lu (son champ updatedAt) : on ne ${what} que le brouillon tel que vous l'avez relu, pas une modification faite entre-temps.`,
    );
  }
  return header as string;
}

export const formRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const national = app.allow(app.guards.hasRole("national"));

  app.get(
    "/form",
    {
      schema: {
        tags,
        summary: "Le questionnaire en vigueur pour un mois (sans mois : le mois en cours)",
        description:
          "La version publiée qui s'applique ce mois-là. Un rapport déjà commencé garde sa propre version (voir son champ `form`).",
        querystring: ZFormQuery,
        response: { 200: ZForm, ...errors },
      },
      preHandler: app.allow(),
    },
    async (request) => {
      const settings = await currentSettings(db, config, caller(request).settingsRevision);
      return service.formForPeriod(settings, request.query.period, parisDate());
    },
  );

  app.get(
    "/forms",
    {
      schema: {
        tags,
        summary: "Les versions du questionnaire, de la plus ancienne à la plus récente, avec le mois où chacune s'applique",
        description: "La direction nationale voit aussi le brouillon en préparation ; les autres rôles, les versions publiées seulement.",
        response: { 200: ZFormVersionList, ...errors },
      },
      preHandler: app.allow(),
    },
    async (request) => await service.listVersions(db, caller(request)),
  );

  app.get(
    "/forms/:version",
    {
      schema: {
        tags,
        summary: "Une version du questionnaire : ses modifications, le questionnaire qu'elles donnent, les codes déjà pris",
        description:
          "Le questionnaire d'un brouillon est recalculé à chaque lecture (sa version de départ et ses modifications). Un brouillon n'existe que pour la direction nationale (404 pour les autres). `updatedAt` sert d'en-tête If-Match pour modifier un brouillon.",
        params: ZFormVersionParams,
        response: { 200: ZFormVersionDetail, ...errors },
      },
      preHandler: app.allow(),
    },
    async (request) => await service.getVersion(db, caller(request), request.params.version),
  );

  app.post(
    "/forms",
    {
      schema: {
        tags,
        summary: "Préparer une nouvelle version à partir de la dernière version publiée (national)",
        description:
          "Un seul brouillon à la fois (409 DRAFT_EXISTS). `basedOn` est la dernière version publiée (422 sinon). Les modifications sont vérifiées : un code ne sert jamais deux fois, même celui d'un champ retiré (422, champ par champ, rien n'est enregistré).",
        body: ZCreateFormBody,
        response: { 201: ZFormVersionDetail, ...changeErrors },
      },
      preHandler: national,
    },
    async (request, reply) => {
      const who = caller(request);
      const { version } = await service.createDraft(db, actorOf(who), request.body.basedOn, request.body.changes);
      return reply.code(201).send(await service.getVersion(db, who, version));
    },
  );

  app.put(
    "/forms/:version",
    {
      schema: {
        tags,
        summary: "Remplacer les modifications d'un brouillon (national)",
        description:
          "Toute la liste des modifications, dans l'ordre où elles s'appliquent. Un brouillon seulement (409 ALREADY_PUBLISHED sinon). En-tête If-Match facultatif : le `updatedAt` lu ; s'il a changé entre-temps, 409 DRAFT_CHANGED.",
        params: ZFormVersionParams,
        headers: ZDraftHeaders,
        body: ZUpdateFormBody,
        response: { 200: ZFormVersionDetail, ...changeErrors },
      },
      preHandler: national,
    },
    async (request) => {
      const who = caller(request);
      const ifMatch = request.headers["if-match"];
      await service.updateDraft(db, actorOf(who), request.params.version, request.body.changes, ifMatch);
      return await service.getVersion(db, who, request.params.version);
    },
  );

  app.delete(
    "/forms/:version",
    {
      schema: {
        tags,
        summary: "Supprimer un brouillon (national)",
        description:
          "Une version publiée ne se supprime pas (409 ALREADY_PUBLISHED). En-tête If-Match obligatoire : le `updatedAt` lu (428 sans lui) ; s'il a changé entre-temps, 409 DRAFT_CHANGED et rien n'est supprimé.",
        params: ZFormVersionParams,
        headers: ZDraftHeaders,
        response: { 204: z.null().meta({ description: "Brouillon supprimé." }), ...guardedErrors },
      },
      preHandler: national,
    },
    async (request, reply) => {
      const ifMatch = requiredIfMatch(request.headers["if-match"], "supprime");
      await service.deleteDraft(db, actorOf(caller(request)), request.params.version, ifMatch);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/forms/:version/publish",
    {
      schema: {
        tags,
        summary: "Publier un brouillon à partir d'un mois (national)",
        description: `Le mois suit celui de chaque version publiée ; c'est un mois qui n'a pas commencé, ou le mois en cours tant qu'aucun de ses rapports n'a été soumis, et au plus ${PUBLICATION_MONTHS_AHEAD} mois après le mois en cours (422 sinon). Le brouillon doit partir de la dernière version publiée (409 BASE_OUTDATED). En-tête If-Match obligatoire : le \`updatedAt\` du brouillon lu (428 sans lui) ; s'il a changé entre-temps, 409 DRAFT_CHANGED et rien n'est publié. Les rapports des mois précédents gardent leur version.`,
        params: ZFormVersionParams,
        headers: ZDraftHeaders,
        body: ZPublishFormBody,
        response: { 200: ZFormVersionDetail, ...guardedErrors },
      },
      preHandler: national,
    },
    async (request) => {
      const who = caller(request);
      const ifMatch = requiredIfMatch(request.headers["if-match"], "publie");
      await service.publishVersion(db, actorOf(who), request.params.version, request.body.from, { today: parisDate(), ifMatch });
      return await service.getVersion(db, who, request.params.version);
    },
  );
};
