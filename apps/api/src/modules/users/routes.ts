import { ZApiError, ZUserSummary } from "@enquete/contract";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import * as service from "./service.ts";

export const userRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (app, { db }) => {
  app.get(
    "/users",
    {
      schema: {
        tags: ["Administration"],
        summary: "Les comptes et leurs rôles (administration)",
        response: { 200: z.array(ZUserSummary), 401: ZApiError, 403: ZApiError },
      },
      preHandler: app.allow(app.guards.hasRole("admin")),
    },
    async () => await service.listUsers(db),
  );
};
