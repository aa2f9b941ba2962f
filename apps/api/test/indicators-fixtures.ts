/**
 * A hand-made year of reports for the indicator tests, written straight into
 * the database as past campaigns leave them, and kept in memory so that the
 * domain's reference aggregation can be compared with the SQL one.
 */
import type { ReportFacts, ReportStatus, ReportValues } from "@enquete/domain";
import { eq } from "drizzle-orm";
import type { Db } from "../src/db/client.ts";
import { atelierFlags, atelierLabels, atelierTerritories, reports } from "../src/db/schema.ts";

export const NORMANDIE = "normandie";
export const IDF = "ile-de-france";

/** Every numeric field, 0 unless given: a report as a director submits it. */
export function values(overrides: ReportValues = {}): ReportValues {
  return {
    trainingActions: 2,
    trainingActionsEspe: 0,
    trainees: 10,
    traineeDaysOnSite: 0,
    traineeDaysOffSite: 0,
    traineeDaysRemote: 0,
    traineeDaysEspe: 0,
    visitorsOnSite: 0,
    beneficiariesOffSite: 0,
    beneficiariesTeachers: 0,
    beneficiariesSupervisors: 0,
    beneficiariesParents: 0,
    beneficiariesLocalStaff: 0,
    beneficiariesOther: 0,
    mediationBeneficiaries: 0,
    adviceBeneficiaries: 0,
    codesignSessions: 0,
    codesignParticipants: 0,
    events: 0,
    eventsDpe: 0,
    eventParticipants: 0,
    agreementsEspe: 0,
    agreementsLocalAuthorities: 0,
    agreementsOther: 0,
    localAuthoritiesServed: 0,
    trainers: 0,
    trainersCertified: 0,
    highlights: null,
    ...overrides,
  };
}

const month = (year: number, m: number) => `${year}-${String(m).padStart(2, "0")}`;

/** The reports of the fixture; `submittedOn` decides whether a report came on time (due the 10th of the next month). */
export interface Fixture {
  facts: ReportFacts[];
}

/** A report of the fixture: of questionnaire version 1 unless said. */
type FixtureReport = Omit<ReportFacts, "formVersion"> & { formVersion?: number; submittedOn?: string };

export async function insert(db: Db, fixture: Fixture, input: FixtureReport) {
  const r: ReportFacts & { submittedOn?: string } = { ...input, formVersion: input.formVersion ?? 1 };
  const submitted = r.status === "draft" ? null : new Date(`${r.submittedOn ?? nextMonthDay(r.period, 5)}T09:00:00Z`);
  await db.insert(reports).values({
    atelierCode: r.atelierCode,
    period: r.period,
    territoryCode: r.territoryCode,
    status: r.status,
    version: 2,
    formVersion: r.formVersion,
    values: r.values,
    firstSubmittedAt: submitted,
    submittedAt: submitted,
    validatedAt: r.status === "validated" ? submitted : null,
  });
  fixture.facts.push(r);
}

function nextMonthDay(period: string, day: number): string {
  const [y, m] = period.split("-").map(Number) as [number, number];
  return m === 12
    ? `${y + 1}-01-${String(day).padStart(2, "0")}`
    : `${y}-${String(m + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * 14 (Normandie, lab): every month of 2025, validated; its team grows in December.
 * 27 moves from Normandie to Île-de-France on 1 July 2025.
 * 50 (Normandie): March returned, April submitted, May validated, June draft.
 * 61 (Normandie): two months whose ESPE shares differ a lot (ratio of sums).
 * 75 (Île-de-France): the school year 2025-2026, and the months around it.
 */
export async function seedFixture(db: Db): Promise<Fixture> {
  const fixture: Fixture = { facts: [] };
  await db.update(atelierTerritories).set({ validTo: "2025-07-01" }).where(eq(atelierTerritories.atelierCode, "27"));
  await db.insert(atelierTerritories).values({ atelierCode: "27", territoryCode: IDF, validFrom: "2025-07-01" });
  await db.insert(atelierFlags).values([
    { atelierCode: "14", flag: "lab", validFrom: "2016-01-01", value: true },
    { atelierCode: "61", flag: "espe", validFrom: "2016-01-01", value: true },
  ]);
  await db.insert(atelierLabels).values([
    { atelierCode: "14", status: "en_cours", validFrom: "2016-01-01" },
    { atelierCode: "14", status: "labellise", validFrom: "2025-06-01" },
    { atelierCode: "50", status: "non_engage", validFrom: "2016-01-01" },
  ]);

  for (let m = 1; m <= 12; m++) {
    const team = m === 12 ? { trainers: 12, trainersCertified: 6 } : { trainers: 10, trainersCertified: 1 };
    await insert(db, fixture, {
      atelierCode: "14",
      period: month(2025, m),
      territoryCode: NORMANDIE,
      status: "validated",
      values: values({
        traineeDaysOnSite: m,
        traineeDaysOffSite: 0.5,
        traineeDaysRemote: 1.25,
        traineeDaysEspe: 0.5,
        visitorsOnSite: 10 * m,
        beneficiariesOffSite: 3,
        eventsDpe: 1,
        events: 2,
        codesignSessions: m % 2,
        codesignParticipants: (m % 2) * 7,
        ...team,
      }),
      // Late in March (submitted on the 15th of April).
      ...(m === 3 ? { submittedOn: "2025-04-15" } : {}),
    });
    await insert(db, fixture, {
      atelierCode: "27",
      period: month(2025, m),
      territoryCode: m < 7 ? NORMANDIE : IDF,
      status: "validated",
      values: values({ traineeDaysOnSite: 100 + m, traineeDaysEspe: 10, trainers: m, trainersCertified: 1, agreementsEspe: 1 }),
    });
  }
  const outcomes: [number, ReportStatus][] = [
    [3, "returned"],
    [4, "submitted"],
    [5, "validated"],
    [6, "draft"],
  ];
  for (const [m, status] of outcomes) {
    await insert(db, fixture, {
      atelierCode: "50",
      period: month(2025, m),
      territoryCode: NORMANDIE,
      status,
      values: values({ eventsDpe: 10 * m, events: 10 * m, visitorsOnSite: 1000, trainers: 5, trainersCertified: 5 }),
    });
  }
  await insert(db, fixture, {
    atelierCode: "61",
    period: "2025-02",
    territoryCode: NORMANDIE,
    status: "validated",
    values: values({ traineeDaysOnSite: 2, traineeDaysEspe: 2 }),
  });
  await insert(db, fixture, {
    atelierCode: "61",
    period: "2025-10",
    territoryCode: NORMANDIE,
    status: "validated",
    values: values({ traineeDaysOnSite: 98, traineeDaysEspe: 0 }),
  });
  for (const [period, sessions] of [
    ["2025-08", 1000],
    ["2025-09", 1],
    ["2025-12", 2],
    ["2026-01", 4],
    ["2026-08", 8],
    ["2026-09", 2000],
  ] as const) {
    await insert(db, fixture, {
      atelierCode: "75",
      period,
      territoryCode: IDF,
      status: "validated",
      values: values({ codesignSessions: sessions, codesignParticipants: sessions * 3 }),
    });
  }
  return fixture;
}
