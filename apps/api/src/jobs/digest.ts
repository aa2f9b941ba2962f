/**
 * The day's digest: one email to each territorial director whose territory
 * has reports waiting for review (status submitted). Keyed by the day, so a
 * second run the same day writes nothing.
 */
import { atelierName, compareAtelierCodes, parisDate } from "@enquete/domain";
import type { Db } from "../db/client.ts";
import { digestEmail, type WaitingReport } from "../modules/notifications/emails.ts";
import { enqueue } from "../modules/notifications/outbox-repository.ts";
import { territorialDirectors, waitingForReview } from "../modules/notifications/repository.ts";

export async function queueDigests(db: Db, today: string): Promise<number> {
  return await db.transaction(async (tx) => {
    const waiting = await waitingForReview(tx);
    const byTerritory = new Map<string, (WaitingReport & { atelierCode: string })[]>();
    for (const w of waiting) {
      const list = byTerritory.get(w.territoryCode) ?? [];
      list.push({
        territoryName: w.territoryName,
        atelierCode: w.atelierCode,
        atelierLabel: atelierName(w.atelierCode, w.city),
        period: w.period,
        submittedOn: w.submittedAt ? parisDate(w.submittedAt) : null,
      });
      byTerritory.set(w.territoryCode, list);
    }
    const directors = await territorialDirectors(tx, [...byTerritory.keys()]);
    // A director of several territories gets one email that lists them all.
    const byUser = new Map<string, { email: string; reports: (WaitingReport & { atelierCode: string })[] }>();
    for (const d of directors) {
      const entry = byUser.get(d.userId) ?? { email: d.email, reports: [] };
      entry.reports.push(...(byTerritory.get(d.territoryCode) ?? []));
      byUser.set(d.userId, entry);
    }
    const emails = [...byUser.entries()].map(([userId, { email, reports }]) => ({
      kind: "digest",
      dedupeKey: `digest:${today}:${userId}`,
      toUserId: userId,
      toEmail: email,
      ...digestEmail(
        reports.sort(
          (a, b) =>
            a.territoryName.localeCompare(b.territoryName, "fr") ||
            a.period.localeCompare(b.period) ||
            compareAtelierCodes(a.atelierCode, b.atelierCode),
        ),
      ),
    }));
    return await enqueue(tx, emails);
  });
}
