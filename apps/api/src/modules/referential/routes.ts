import {
  ZApiError,
  ZAtelierAttributesBody,
  ZAtelierDetail,
  ZAtelierHistory,
  ZAtelierList,
  ZAtelierParams,
  ZCloseAtelierBody,
  ZCreateTerritoryBody,
  ZListAteliersQuery,
  ZMoveAtelierBody,
  ZMoveAtelierResult,
  ZOpenAtelierBody,
  ZReferentialImportBody,
  ZReferentialImportQuery,
  ZReferentialImportRefused,
  ZReferentialImportResult,
  ZRenameAtelierBody,
  ZRenameTerritoryBody,
  ZTerritory,
  ZTerritoryDetail,
  ZTerritoryList,
  ZTerritoryParams,
} from "@enquete/contract";
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { caller } from "../../plugins/app/auth.ts";
import * as admin from "./admin-service.ts";
import { importReferential, REFERENTIAL_IMPORT_MAX_LINES } from "./import.ts";
import * as service from "./service.ts";

const errors = { 401: ZApiError, 403: ZApiError, 404: ZApiError, 422: ZApiError };
const changeErrors = { ...errors, 409: ZApiError };
/** A referential file of a few thousand lines weighs well under a megabyte. */
export const REFERENTIAL_IMPORT_BODY_LIMIT = 512 * 1024;

const IMPORT_DESCRIPTION = `Corps : le fichier CSV (text/csv, UTF-8, BOM accepté), séparateur ; ou ,. En-tête : type;code;nom;ville;departement;direction_territoriale;a_partir_de;labellisation;laboratoire;espe (type et code obligatoires, les autres colonnes au choix, dans n'importe quel ordre). Une ligne par changement, lue dans l'ordre du fichier : type direction (code, nom) crée la direction territoriale ou la renomme ; type atelier ouvre l'atelier s'il n'existe pas (nom, ville, direction_territoriale, a_partir_de ; departement par défaut celui du même code de département), sinon le renomme (nom, ville), le rattache à direction_territoriale à partir de a_partir_de et fixe à partir de ce mois labellisation (labellise, en_cours, non_engage), laboratoire et espe (oui, non) ; une cellule vide ne change rien ; type fermeture (code, a_partir_de) ferme l'atelier à partir de ce mois. Mêmes règles que les routes du référentiel. dryRun=1 (par défaut) : aperçu de chaque changement et de chaque ligne refusée, rien n'est écrit. dryRun=0 : tout est écrit en une transaction, avec le journal ; une seule ligne refusée bloque tout (422, même aperçu). Au plus ${REFERENTIAL_IMPORT_MAX_LINES} lignes. Voir docs/referentiel-import.md.`;

export const referentialRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const { guards } = app;

  app.get(
    "/territories",
    {
      schema: { tags: ["Référentiel"], summary: "Les directions territoriales", response: { 200: ZTerritoryList, ...errors } },
      preHandler: app.allow(),
    },
    async () => await service.territories(db),
  );

  app.get(
    "/territories/:code",
    {
      schema: {
        tags: ["Référentiel"],
        summary: "Une direction territoriale : ses ateliers d'aujourd'hui et sa direction (dans le périmètre de l'appelant)",
        params: ZTerritoryParams,
        response: { 200: ZTerritoryDetail, ...errors },
      },
      preHandler: app.allow(guards.territoryInScope("code")),
    },
    async (request) => await service.territoryDetail(db, request.params.code),
  );

  app.get(
    "/ateliers",
    {
      schema: {
        tags: ["Référentiel"],
        summary: "Les ateliers, fermés compris, avec leur direction territoriale d'aujourd'hui, leur mois d'ouverture et de fermeture",
        querystring: ZListAteliersQuery,
        response: { 200: ZAtelierList, ...errors },
      },
      preHandler: app.allow(),
    },
    async (request) => await service.ateliers(db, { territoryCode: request.query.territory }),
  );

  app.get(
    "/ateliers/:code",
    {
      schema: {
        tags: ["Référentiel"],
        summary: "Un atelier : rattachements successifs et équipe (dans le périmètre de l'appelant)",
        params: ZAtelierParams,
        response: { 200: ZAtelierDetail, ...errors },
      },
      preHandler: app.allow(guards.hasRole("atelier", "territory", "national", "admin"), guards.atelierInScope("code")),
    },
    async (request) => await service.atelierDetail(db, request.params.code),
  );

  // ---------------------------------------------------------------- administration (section 7.3)

  const adminOnly = app.allow(guards.hasRole("admin"));
  const tags = ["Référentiel (administration)"];
  const atelierParams = ZAtelierParams;

  app.post(
    "/territories",
    {
      schema: {
        tags,
        summary: "Créer une direction territoriale (administration)",
        body: ZCreateTerritoryBody,
        response: { 201: ZTerritory, ...changeErrors },
      },
      preHandler: adminOnly,
    },
    async (request, reply) => reply.status(201).send(await admin.createTerritory(db, caller(request), request.body)),
  );

  app.patch(
    "/territories/:code",
    {
      schema: {
        tags,
        summary: "Renommer une direction territoriale (administration)",
        params: ZTerritoryParams,
        body: ZRenameTerritoryBody,
        response: { 200: ZTerritory, ...changeErrors },
      },
      preHandler: adminOnly,
    },
    async (request) => await admin.renameTerritory(db, caller(request), request.params.code, request.body.name),
  );

  app.post(
    "/ateliers",
    {
      schema: {
        tags,
        summary: "Ouvrir un atelier à partir d'un mois (administration)",
        description:
          "Un code ne sert qu'une fois : un atelier fermé ne rouvre pas sous son code (409), un nouvel atelier du même département prend un suffixe (69-M). Le mois d'ouverture ne peut pas toucher une année close.",
        body: ZOpenAtelierBody,
        response: { 201: ZAtelierHistory, ...changeErrors },
      },
      preHandler: adminOnly,
    },
    async (request, reply) => reply.status(201).send(await admin.openAtelier(db, caller(request), request.body)),
  );

  app.patch(
    "/ateliers/:code",
    {
      schema: {
        tags,
        summary: "Renommer un atelier ou changer sa ville (administration)",
        params: atelierParams,
        body: ZRenameAtelierBody,
        response: { 200: ZAtelierHistory, ...changeErrors },
      },
      preHandler: adminOnly,
    },
    async (request) => await admin.renameAtelier(db, caller(request), request.params.code, request.body),
  );

  app.post(
    "/ateliers/:code/moves",
    {
      schema: {
        tags,
        summary: "Rattacher un atelier à une direction territoriale à partir d'un mois (administration)",
        description:
          "Le rattachement vaut de ce mois jusqu'au rattachement suivant déjà enregistré (ou sans fin). Les rapports de ces mois suivent, chacun avec un événement. Refusé (409) avant l'ouverture, à partir de la fermeture, vers la direction déjà en place ce mois-là, et quand ces mois touchent une année close.",
        params: atelierParams,
        body: ZMoveAtelierBody,
        response: { 200: ZMoveAtelierResult, ...changeErrors },
      },
      preHandler: adminOnly,
    },
    async (request) => await admin.moveAtelier(db, caller(request), request.params.code, request.body),
  );

  app.post(
    "/ateliers/:code/closure",
    {
      schema: {
        tags,
        summary: "Fermer un atelier à partir d'un mois (administration)",
        description:
          "Plus aucun rapport attendu à partir de ce mois ; les brouillons restent. Refusé (409) tant qu'un rapport de ce mois ou d'un mois suivant est soumis, validé ou renvoyé, au mois d'ouverture ou avant, et dans une année close.",
        params: atelierParams,
        body: ZCloseAtelierBody,
        response: { 200: ZAtelierHistory, ...changeErrors },
      },
      preHandler: adminOnly,
    },
    async (request) => await admin.closeAtelier(db, caller(request), request.params.code, request.body),
  );

  app.delete(
    "/ateliers/:code/closure",
    {
      schema: {
        tags,
        summary: "Annuler la fermeture d'un atelier (administration)",
        description:
          "Pour réparer une erreur : l'atelier est de nouveau ouvert. Refusé (409) s'il n'est pas fermé ou si sa fermeture touche une année close.",
        params: atelierParams,
        response: { 200: ZAtelierHistory, ...changeErrors },
      },
      preHandler: adminOnly,
    },
    async (request) => await admin.cancelClosure(db, caller(request), request.params.code),
  );

  app.put(
    "/ateliers/:code/attributes",
    {
      schema: {
        tags,
        summary: "Fixer la labellisation, le laboratoire des usages ou l'implantation ESPE/INSPÉ à partir d'un mois (administration)",
        description:
          "Chaque attribut vaut de ce mois jusqu'à son changement suivant déjà enregistré. Refusé (409) hors des mois d'ouverture et dans une année close.",
        params: atelierParams,
        body: ZAtelierAttributesBody,
        response: { 200: ZAtelierHistory, ...changeErrors },
      },
      preHandler: adminOnly,
    },
    async (request) => await admin.setAttributes(db, caller(request), request.params.code, request.body),
  );

  app.get(
    "/ateliers/:code/history",
    {
      schema: {
        tags,
        summary: "L'histoire d'un atelier : rattachements, attributs datés, ouverture, fermeture et modifications (administration)",
        params: atelierParams,
        response: { 200: ZAtelierHistory, ...errors },
      },
      preHandler: adminOnly,
    },
    async (request) => await admin.atelierHistory(db, request.params.code),
  );

  // The import takes the CSV file as its body: its own parser, in its own scope only.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser(
      ["text/csv", "text/plain"],
      { parseAs: "string", bodyLimit: REFERENTIAL_IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.addContentTypeParser("*", (_request, _payload, done) =>
      done(new AppError("UNSUPPORTED_MEDIA_TYPE", 415, "Envoyez le fichier CSV tel quel, avec le type text/csv."), undefined),
    );
    scope.post(
      "/referential/import",
      {
        schema: {
          tags,
          summary: "Importer un fichier du référentiel (administration), avec aperçu",
          description: IMPORT_DESCRIPTION,
          consumes: ["text/csv"],
          querystring: ZReferentialImportQuery,
          body: ZReferentialImportBody,
          response: {
            200: ZReferentialImportResult,
            413: ZApiError,
            415: ZApiError,
            422: ZReferentialImportRefused.or(ZApiError),
            401: ZApiError,
            403: ZApiError,
          },
        },
        preHandler: scope.allow(guards.hasRole("admin")),
      },
      async (request) => await importReferential(db, caller(request), request.body, request.query.dryRun === "1"),
    );
  });
};
