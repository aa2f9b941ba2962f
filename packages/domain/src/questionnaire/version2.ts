/**
 * Version 2 of the questionnaire (domain page, section 3): the training days
 * indicator 1-5 counts by its fiche. It is data, not a migration: the
 * national team publishes it through the version screen, and the demo seed
 * publishes it through the same service, both from these changes to version 1.
 */
import type { FormChange } from "./types.ts";

const TRAINEE_DAYS = ["traineeDaysOnSite", "traineeDaysOffSite", "traineeDaysRemote"];

export const VERSION_2_CHANGES: FormChange[] = [
  {
    kind: "addField",
    section: "formation",
    after: "traineeDaysEspe",
    field: {
      code: "trainingDays",
      label: "Jours de formation réalisés (durée des actions, quel que soit le nombre de stagiaires)",
      help: "Un jour de formation : une journée (6 heures) d'une action, quel que soit le nombre de stagiaires. Une action de deux jours pour 20 enseignants : 2 jours de formation (et 40 journées stagiaires).",
      type: "decimal",
      kind: "flow",
      required: true,
    },
  },
  {
    kind: "addField",
    section: "formation",
    after: "trainingDays",
    field: {
      code: "trainingDaysEspe",
      label: "dont jours de formation en partenariat avec une ESPE/INSPÉ",
      type: "decimal",
      kind: "flow",
      required: true,
    },
  },
  {
    kind: "addRule",
    rule: {
      code: "trainingDaysWithinTraineeDays",
      kind: "lte",
      severity: "error",
      fields: ["trainingDays"],
      max: TRAINEE_DAYS,
      when: "trainees",
      message: "Les jours de formation ne peuvent pas dépasser le total des journées stagiaires quand il y a des stagiaires.",
    },
  },
  {
    kind: "addRule",
    rule: {
      code: "espeTrainingDaysWithinTrainingDays",
      kind: "lte",
      severity: "error",
      fields: ["trainingDaysEspe"],
      max: ["trainingDays"],
      message: "Les jours de formation en partenariat avec une ESPE/INSPÉ ne peuvent pas dépasser les jours de formation réalisés.",
    },
  },
];
