import {
  ZApiError,
  ZCreateUserBody,
  ZInvitationSent,
  ZUpdateUserBody,
  ZUserDetail,
  ZUserListQuery,
  ZUserPage,
  ZUserParams,
} from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { caller } from "../../plugins/app/auth.ts";
import * as service from "./service.ts";

const errors = { 401: ZApiError, 403: ZApiError, 404: ZApiError, 422: ZApiError };
const changeErrors = { ...errors, 409: ZApiError };

export const userRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const admin = app.allow(app.guards.hasRole("admin"));
  const settings: service.AccessSettings = { idleMinutes: config.sessionIdleMinutes };

  app.get(
    "/users",
    {
      schema: {
        tags: ["Administration"],
        summary: "Les comptes, cherchés et filtrés, par page (administration)",
        description:
          "q cherche dans le nom et l'adresse (sans tenir compte des majuscules). territory : les directions de cette direction territoriale et les directions de ses ateliers d'aujourd'hui. status : invited (invitation en attente), active, disabled. Triés par nom puis adresse.",
        querystring: ZUserListQuery,
        response: { 200: ZUserPage, ...errors },
      },
      preHandler: admin,
    },
    async (request) => await service.listUsers(db, request.query),
  );

  app.get(
    "/users/:id",
    {
      schema: {
        tags: ["Administration"],
        summary: "Un compte : ses rôles, son état, son invitation en attente, ses sessions et jetons en cours",
        params: ZUserParams,
        response: { 200: ZUserDetail, ...errors },
      },
      preHandler: admin,
    },
    async (request) => await service.getUser(db, settings, request.params.id),
  );

  app.post(
    "/users",
    {
      schema: {
        tags: ["Administration"],
        summary: "Créer un compte et envoyer son invitation",
        description:
          "Le compte est créé sans mot de passe ; la personne reçoit aussitôt un lien à usage unique, valable 72 heures, pour choisir le sien. 409 EMAIL_TAKEN si l'adresse a déjà un compte.",
        body: ZCreateUserBody,
        response: { 201: ZInvitationSent, ...changeErrors },
      },
      preHandler: admin,
    },
    async (request, reply) => {
      const sent = await service.createUser(db, settings, caller(request), request.body);
      // After the commit: the person is waiting for this email, not for the next minute's job.
      app.courier.deliverSoon();
      return reply.code(201).send(sent);
    },
  );

  app.patch(
    "/users/:id",
    {
      schema: {
        tags: ["Administration"],
        summary: "Renommer un compte, remplacer ses rôles, le désactiver ou le réactiver",
        description:
          "Désactiver ferme aussitôt les sessions de la personne, révoque ses jetons d'API et annule ses liens en attente. Refusé (409) : vous désactiver vous-même, retirer votre propre rôle d'administration, laisser la plateforme sans administrateur actif.",
        params: ZUserParams,
        body: ZUpdateUserBody,
        response: { 200: ZUserDetail, ...changeErrors },
      },
      preHandler: admin,
    },
    async (request) => await service.updateUser(db, settings, caller(request), request.params.id, request.body),
  );

  app.post(
    "/users/:id/invitation",
    {
      schema: {
        tags: ["Administration"],
        summary: "Renvoyer l'invitation d'un compte qui n'a pas encore choisi son mot de passe",
        description: "Un nouveau lien part aussitôt ; les liens d'invitation précédents cessent de fonctionner.",
        params: ZUserParams,
        response: { 200: ZInvitationSent, ...changeErrors },
      },
      preHandler: admin,
    },
    async (request) => {
      const sent = await service.resendInvitation(db, settings, caller(request), request.params.id);
      app.courier.deliverSoon();
      return sent;
    },
  );
};
