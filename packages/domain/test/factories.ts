/**
 * Test data builders shared by the domain's tests and the API's: each test
 * makes its own data, starting from values that break no rule of the questionnaire.
 */
import type { ReportValues } from "../src/index.ts";

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
