import type { TSettings } from "@enquete/contract";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import type { DbOrTx } from "../reports/repository.ts";
import * as repo from "./repository.ts";

export const DUE_DAY_KEY = "dueDay";

/** The national settings a request works with. */
export interface NationalSettings {
  dueDay: number;
  closedYears: { year: number; closedAt: Date }[];
}

const validDueDay = (value: unknown, config: Pick<Config, "reportDueDay">) =>
  typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 28 ? value : config.reportDueDay;

/** The due day in force: the national setting, else the deployment's default. */
export async function dueDay(db: DbOrTx, config: Pick<Config, "reportDueDay">): Promise<number> {
  return validDueDay(await repo.readSetting(db, DUE_DAY_KEY), config);
}

/**
 * The national settings, kept in this process and read again only when the
 * revision the caller's session query brought back has moved past the one
 * cached. The revision is bumped by triggers in the same transaction as any
 * change of the settings or closed years, so a change made through any
 * process (or by hand in SQL) is seen by the next request of every process.
 * One cache per database handle: tests run several databases in one process.
 */
interface SettingsCache {
  config: Pick<Config, "reportDueDay">;
  revision: number;
  settings: NationalSettings | null;
  loading: Promise<void> | null;
}
const caches = new WeakMap<Db, SettingsCache>();

export async function currentSettings(db: Db, config: Pick<Config, "reportDueDay">, revision: number): Promise<NationalSettings> {
  let cache = caches.get(db);
  if (!cache || cache.config !== config) {
    cache = { config, revision: -1, settings: null, loading: null };
    caches.set(db, cache);
  }
  const entry = cache;
  // A read already on its way may have started before that revision: at most one more is needed.
  for (let reads = 0; reads < 3 && (!entry.settings || entry.revision < revision); reads++) {
    // Requests arriving together after a change share one read.
    entry.loading ??= repo
      .readNationalSettings(db)
      .then((row) => {
        if (row.revision < entry.revision) return;
        entry.revision = row.revision;
        entry.settings = { dueDay: validDueDay(row.values[DUE_DAY_KEY], config), closedYears: row.closedYears };
      })
      .finally(() => {
        entry.loading = null;
      });
    await entry.loading;
  }
  if (!entry.settings) throw new Error("national settings not loaded");
  return entry.settings;
}

export async function getSettings(db: Db, config: Config): Promise<TSettings> {
  const [day, closed] = await Promise.all([dueDay(db, config), repo.listClosedYears(db)]);
  return { dueDay: day, closedYears: closed.map((c) => c.year) };
}

export async function setDueDay(db: Db, config: Config, caller: Caller, day: number): Promise<TSettings> {
  await repo.writeSetting(db, DUE_DAY_KEY, day, { id: caller.userId, label: caller.displayName });
  return await getSettings(db, config);
}

export async function closeYear(db: Db, config: Config, caller: Caller, year: number, today: string): Promise<TSettings> {
  if (`${year}-12-31` >= today) {
    throw new AppError("YEAR_NOT_OVER", 422, `L'année ${year} n'est pas terminée : elle ne peut pas encore être close.`);
  }
  const closed = await repo.closeYear(db, year, { id: caller.userId, label: caller.displayName });
  if (!closed) throw new AppError("YEAR_ALREADY_CLOSED", 409, `L'année ${year} est déjà close.`);
  return await getSettings(db, config);
}
