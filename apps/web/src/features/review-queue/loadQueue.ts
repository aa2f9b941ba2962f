import { compareAtelierCodes } from "@enquete/domain";
import { fetchMonthReports } from "../../api/campaign.ts";
import { api } from "../../api/client.ts";
import type { QueueRow } from "./queue.ts";

/**
 * Every atelier of the territory that month (the territory it belonged to
 * then), with its name from the referential, in département order.
 */
export async function loadQueue(territoryCode: string, period: string, signal: AbortSignal): Promise<QueueRow[]> {
  const [rows, ateliers] = await Promise.all([fetchMonthReports({ period, territory: territoryCode }, signal), api.ateliers({}, signal)]);
  const names = new Map(ateliers.map((a) => [a.code, a.name]));
  return rows
    .map((r) => ({ ...r, atelierName: names.get(r.atelierCode) ?? `Atelier ${r.atelierCode}` }))
    .sort((a, b) => compareAtelierCodes(a.atelierCode, b.atelierCode));
}
