import type { TSettings } from "@enquete/contract";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import type { DbOrTx } from "../reports/repository.ts";
import * as repo from "./repository.ts";

export const DUE_DAY_KEY = "dueDay";

/** The due day in force: the national setting, else the deployment's default. */
export async function dueDay(db: DbOrTx, config: Pick<Config, "reportDueDay">): Promise<number> {
  const value = await repo.readSetting(db, DUE_DAY_KEY);
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 28 ? value : config.reportDueDay;
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
