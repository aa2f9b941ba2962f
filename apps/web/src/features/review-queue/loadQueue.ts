import { compareAtelierCodes } from "@enquete/domain";
import { api } from "../../api/client.ts";
import { fetchReviewQueue } from "../../api/reports.ts";
import type { QueueData } from "./queue.ts";

/**
 * Every report of the territory waiting for review, all months (the API
 * counts them; the month filter is applied on the page, so that its counts
 * stay in view), with the atelier names of the referential: oldest month
 * first, then in département order.
 */
export async function loadQueue(territoryCode: string, signal: AbortSignal): Promise<QueueData> {
  const [queue, ateliers] = await Promise.all([fetchReviewQueue({ territory: territoryCode }, signal), api.ateliers({}, signal)]);
  const names = new Map(ateliers.map((a) => [a.code, a.name]));
  const rows = queue.rows
    .map((r) => ({ ...r, atelierName: names.get(r.atelierCode) ?? `Atelier ${r.atelierCode}` }))
    .sort((a, b) => a.period.localeCompare(b.period) || compareAtelierCodes(a.atelierCode, b.atelierCode));
  return { total: queue.total, months: queue.months, rows };
}
