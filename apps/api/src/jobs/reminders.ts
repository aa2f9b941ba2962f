/**
 * Reminders to the atelier directors whose report of the month is not
 * submitted: some days before its due date, and some days after it (national
 * settings; by default three days before and the day after). Run it
 * for a given day as often as you like: each reminder has its key, so it is
 * written to the outbox once.
 */
import { addMonths, atelierName, dueDate, firstDay, formatPeriod, periodOfDate } from "@enquete/domain";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { addDays } from "../modules/notifications/dates.ts";
import { reminderEmail } from "../modules/notifications/emails.ts";
import { enqueue } from "../modules/notifications/outbox-repository.ts";
import { unsubmittedDirectors } from "../modules/notifications/repository.ts";
import { reminderSettings } from "../modules/settings/service.ts";

type When = "before" | "after";

/** The month whose due date falls `daysFromDue` days before `today`, if any. */
export function periodDue(today: string, daysFromDue: number, day: number): string | null {
  const due = addDays(today, -daysFromDue);
  const period = formatPeriod(addMonths(periodOfDate(due), -1));
  return dueDate(period, day) === due ? period : null;
}

export async function queueReminders(db: Db, config: Pick<Config, "reportDueDay">, today: string) {
  const { dueDay: day, reminderDaysBefore, reminderDaysAfter } = await reminderSettings(db, config);
  const reminders: { when: When; daysFromDue: number }[] = [
    { when: "before", daysFromDue: -reminderDaysBefore },
    { when: "after", daysFromDue: reminderDaysAfter },
  ];
  const queued: Record<When, number> = { before: 0, after: 0 };
  for (const { when, daysFromDue } of reminders) {
    const period = periodDue(today, daysFromDue, day);
    if (!period) continue;
    const p = periodOfDate(`${period}-01`);
    const first = firstDay(p);
    const last = addDays(firstDay(addMonths(p, 1)), -1);
    const due = dueDate(period, day);
    queued[when] = await db.transaction(async (tx) => {
      const directors = await unsubmittedDirectors(tx, period, first, last);
      return await enqueue(
        tx,
        directors.map((d) => ({
          kind: when === "before" ? "reminder_before" : "reminder_after",
          dedupeKey: `reminder:${when}:${d.atelierCode}:${period}:${d.userId}`,
          toUserId: d.userId,
          toEmail: d.email,
          ...reminderEmail({
            when,
            atelierCode: d.atelierCode,
            atelierLabel: atelierName(d.atelierCode, d.city),
            period,
            dueDate: due,
            daysFromDue,
            status: d.status,
          }),
        })),
      );
    });
  }
  return queued;
}
