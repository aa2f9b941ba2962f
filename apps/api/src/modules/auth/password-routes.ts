/**
 * The password links, for people not signed in: asking for a reset link,
 * reading what a link is for, choosing the password through it.
 */
import { ZApiError, ZLinkInfo, ZLinkInfoBody, ZPasswordResetBody, ZSetPasswordBody } from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import * as passwords from "./passwords.ts";

const pending = new Set<Promise<unknown>>();

/** Resolves once the reset requests already answered are written (tests; the server's stop). */
export async function resetRequestsSettled(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

export const passwordRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db }) => {
  app.addHook("onClose", async () => await resetRequestsSettled());

  app.post(
    "/auth/password-reset",
    {
      schema: {
        tags: ["Authentification"],
        summary: "Demander un lien pour choisir un nouveau mot de passe",
        description:
          "Toujours 202, avec la même réponse et dans le même temps que l'adresse corresponde à un compte ou non. Un compte actif (ou invité) reçoit un lien à usage unique valable une heure ; trois courriels au plus par heure et par compte.",
        body: ZPasswordResetBody,
        response: { 202: z.null().meta({ description: "Demande reçue." }), 403: ZApiError, 422: ZApiError, 429: ZApiError },
      },
    },
    async (request, reply) => {
      const { email } = request.body;
      // The answer is sent before the account is even looked up: neither its content nor its
      // time can tell whether the address has an account.
      setImmediate(() => {
        const work = passwords
          .requestPasswordReset(db, email)
          .then((sent) => {
            if (sent) app.courier.deliverSoon();
          })
          .catch((error: unknown) => request.log.error({ err: error }, "password reset request failed"))
          .finally(() => pending.delete(work));
        pending.add(work);
      });
      return reply.status(202).send(null);
    },
  );

  app.post(
    "/auth/link-info",
    {
      schema: {
        tags: ["Authentification"],
        summary: "Ce qu'un lien reçu par courriel permet de faire",
        description:
          "Pour qui, pour quoi (invitation ou nouveau mot de passe), jusqu'à quand. 410 pour un lien inconnu, déjà utilisé ou expiré.",
        body: ZLinkInfoBody,
        response: { 200: ZLinkInfo, 403: ZApiError, 410: ZApiError, 422: ZApiError },
      },
    },
    async (request) => await passwords.linkInfo(db, request.body.token),
  );

  app.post(
    "/auth/password",
    {
      schema: {
        tags: ["Authentification"],
        summary: "Choisir son mot de passe avec un lien reçu par courriel",
        description:
          "204 : mot de passe enregistré, lien et sessions de la personne terminés ; elle se connecte ensuite avec. 422 avec les raisons d'un mot de passe refusé, 410 pour un lien déjà utilisé ou expiré.",
        body: ZSetPasswordBody,
        response: { 204: z.null().meta({ description: "Mot de passe enregistré." }), 403: ZApiError, 410: ZApiError, 422: ZApiError },
      },
    },
    async (request, reply) => {
      await passwords.setPasswordWithLink(db, request.body);
      return reply.status(204).send(null);
    },
  );
};
