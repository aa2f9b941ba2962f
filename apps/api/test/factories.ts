/**
 * Test data builders: each test makes its own data, starting from values that
 * break no rule of the questionnaire.
 */
import type { ReportValues } from "@enquete/domain";
import type { Db } from "../src/db/client.ts";
import { reportEvents, reports } from "../src/db/schema.ts";

/** A complete report that breaks no rule (the publics add up to the total). */
export function buildValues(overrides: ReportValues = {}): ReportValues {
  return {
    trainingActions: 10,
    trainingActionsEspe: 2,
    trainees: 120,
    traineeDaysOnSite: 40,
    traineeDaysOffSite: 20.5,
    traineeDaysRemote: 5,
    traineeDaysEspe: 6,
    visitorsOnSite: 300,
    beneficiariesOffSite: 100,
    beneficiariesTeachers: 250,
    beneficiariesSupervisors: 50,
    beneficiariesParents: 40,
    beneficiariesLocalStaff: 30,
    beneficiariesOther: 30,
    mediationBeneficiaries: 12,
    adviceBeneficiaries: 7,
    codesignSessions: 1,
    codesignParticipants: 12,
    events: 3,
    eventsDpe: 2,
    eventParticipants: 80,
    agreementsEspe: 0,
    agreementsLocalAuthorities: 1,
    agreementsOther: 0,
    localAuthoritiesServed: 4,
    trainers: 6,
    trainersCertified: 1,
    ...overrides,
  };
}

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
