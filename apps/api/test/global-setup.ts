/**
 * One real PostgreSQL for the whole API run: a fresh embedded cluster in a
 * temporary folder, with a migrated template database that every test file
 * clones (CREATE DATABASE … TEMPLATE takes tens of milliseconds).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDb } from "../src/db/client.ts";
import { startEmbedded } from "../src/db/embedded.ts";
import { runMigrations } from "../src/db/migrate.ts";
import { seedReferential } from "../src/db/seed/referential.ts";

export const TEMPLATE = "app_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "enquete-test-pg-"));
  const server = await startEmbedded(dir);
  await server.createDatabase(TEMPLATE);
  const { db, pool } = createDb(server.urlFor(TEMPLATE), { max: 2 });
  await runMigrations(db);
  await seedReferential(db);
  await pool.end();
  project.provide("pgAdminUrl", server.urlFor("postgres"));
  project.provide("pgTemplate", TEMPLATE);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
