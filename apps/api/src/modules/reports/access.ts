/**
 * Who may read a report (domain page, sections 1 and 2): the atelier's
 * directors, the director of the territory the report belongs to, and the
 * national team. A report belongs to the territory of its atelier in its
 * month: the territory stored on the report when it exists (a later move does
 * not hand it to the new territory), else the atelier's membership that month.
 * Never the territory of today.
 */
import { canReadAtelier, firstDay, parsePeriod } from "@enquete/domain";
import { forbidden, notFound } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import * as repo from "./repository.ts";

/** The territory a report of that atelier and month belongs to; undefined when the atelier does not exist, null when it had none. */
export async function reportTerritory(
  db: repo.DbOrTx,
  atelierCode: string,
  period: string,
  stored?: { territoryCode: string } | null,
): Promise<string | null | undefined> {
  const day = firstDay(parsePeriod(period) ?? { year: 2016, month: 1 });
  // One after the other: inside a transaction (the decisions) both would share one connection.
  const membership = await repo.territoryOn(db, atelierCode, day);
  if (membership === undefined) return undefined;
  const report = stored === undefined ? await repo.findReport(db, atelierCode, period) : stored;
  return report ? report.territoryCode : membership;
}

/** The territory the report belongs to, once the caller is known to read it (404 for an unknown atelier, 403 out of scope). */
export async function assertCanRead(
  db: repo.DbOrTx,
  caller: Caller,
  atelierCode: string,
  period: string,
  stored?: { territoryCode: string } | null,
): Promise<string | null> {
  const territory = await reportTerritory(db, atelierCode, period, stored);
  if (territory === undefined) throw notFound("Cet atelier n'existe pas.");
  if (!canReadAtelier(caller.grants, atelierCode, territory)) throw forbidden("Cet atelier n'est pas dans votre périmètre.");
  return territory;
}
