/**
 * Everything the database needs before the server listens: the embedded
 * server when there is no DATABASE_URL, migrations, referential, demo data.
 * Done once, by the first process, on a pool of its own without statement
 * timeouts (a migration may take its time); the serving processes open their
 * own pools on `url` afterwards.
 */
import { parisDate, periodLabel } from "@enquete/domain";
import type { Config } from "../config.ts";
import { assertReachable, createDb } from "./client.ts";
import { type EmbeddedServer, ensureDatabase, startEmbedded } from "./embedded.ts";
import { runMigrations } from "./migrate.ts";
import { seedDemo } from "./seed/demo.ts";
import { HISTORY_MONTHS, seedHistory } from "./seed/history.ts";
import { seedReferential } from "./seed/referential.ts";
import { seedDemoTargets, seedTargets } from "./seed/targets.ts";

export const EMBEDDED_DATABASE = "enquete";

export async function prepareDatabase(config: Config, log: (message: string) => void) {
  let embedded: EmbeddedServer | null = null;
  let url = config.databaseUrl;
  if (!url) {
    const started = Date.now();
    embedded = await startEmbedded(config.dataDir);
    await ensureDatabase(embedded, EMBEDDED_DATABASE);
    url = embedded.urlFor(EMBEDDED_DATABASE);
    log(
      `PostgreSQL embarqué ${embedded.created ? "créé et démarré" : "démarré"} en ${Date.now() - started} ms (port ${embedded.port}, données dans ${config.dataDir}).`,
    );
  } else {
    await assertReachable(url);
  }
  const { db, pool } = createDb(url, { max: 2 });
  try {
    await runMigrations(db);
    if (await seedReferential(db)) log("Référentiel chargé : 12 directions territoriales, 101 ateliers.");
    if (await seedTargets(db)) log("Cibles du contrat chargées : valeurs 2016 et cibles 2017–2019 des six indicateurs.");
    if (config.demo !== "off" && (await seedDemo(db))) {
      log("Comptes de démonstration créés (mot de passe : canope-demo).");
    }
    if (config.demo === "full") {
      const history = await seedHistory(db, { today: parisDate() });
      if (history.published) {
        log(
          `Questionnaire version ${history.published.version} publiée à partir de ${periodLabel(history.published.validFrom)} (données de démonstration).`,
        );
      }
      if (history.reports > 0) {
        log(`Historique de démonstration créé : ${history.reports} rapports sur ${HISTORY_MONTHS} mois.`);
        const year = Number(parisDate().slice(0, 4));
        await seedDemoTargets(db, [year - 2, year - 1, year]);
        log(`Cibles de démonstration ${year - 2}–${year} : celles de 2019 reconduites.`);
      }
    }
  } catch (error) {
    await pool.end().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw error;
  }
  await pool.end().catch(() => {});
  return {
    url,
    embedded,
    /** Stops the embedded PostgreSQL, if this process started one (last, once nobody uses it). */
    async close() {
      await embedded?.stop();
    },
  };
}
