/**
 * Test data builders: each test makes its own data, starting from values that
 * break no rule of the questionnaire.
 */
import type { ReportValues } from "@enquete/domain";
import { buildValues } from "../../../packages/domain/test/factories.ts";

export { buildValues };

import type { Db } from "../src/db/client.ts";
import { reportEvents, reports } from "../src/db/schema.ts";

/** A report written straight into the database, as a past campaign left it, with its creation event. */
export async function buildReport(
  db: Db,
  input: {
    atelierCode: string;
    territoryCode: string;
    period: string;
    status: "draft" | "submitted" | "returned" | "validated";
    submittedOn?: string;
    values?: ReportValues;
  },
) {
  const at = input.submittedOn ? new Date(`${input.submittedOn}T10:00:00Z`) : null;
  const [report] = await db
    .insert(reports)
    .values({
      atelierCode: input.atelierCode,
      period: input.period,
      territoryCode: input.territoryCode,
      status: input.status,
      version: 1,
      formVersion: 1,
      values: input.values ?? buildValues(),
      firstSubmittedAt: at,
      submittedAt: at,
      validatedAt: input.status === "validated" ? at : null,
    })
    .returning();
  if (!report) throw new Error("report not created");
  await db
    .insert(reportEvents)
    .values({ reportId: report.id, actorLabel: "données de test", action: "create", toStatus: input.status, version: 1 });
  return report;
}
