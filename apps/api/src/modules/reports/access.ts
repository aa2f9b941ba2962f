/**
 * Who may read a report (domain page, sections 1 and 2): the atelier's
 * directors, the director of the territory the report belongs to, and the
 * national team.
 */
import { canReadAtelier, firstDay, parisDate, parsePeriod } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { forbidden, notFound } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import * as repo from "./repository.ts";

/** Who may read a report: by the atelier's territory in that month, or today. */
export async function assertCanRead(db: Db, caller: Caller, atelierCode: string, period: string) {
  const [then, now] = await Promise.all([
    repo.territoryOn(db, atelierCode, firstDay(parsePeriod(period) ?? { year: 2016, month: 1 })),
    repo.territoryOn(db, atelierCode, parisDate()),
  ]);
  if (then === undefined) throw notFound("Cet atelier n'existe pas.");
  if (!canReadAtelier(caller.grants, atelierCode, then) && !canReadAtelier(caller.grants, atelierCode, now ?? null)) {
    throw forbidden("Cet atelier n'est pas dans votre périmètre.");
  }
  return then;
}
