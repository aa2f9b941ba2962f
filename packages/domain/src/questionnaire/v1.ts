import type { FormDefinition } from "./types.ts";

const int = (code: string, label: string, help?: string) =>
  ({ code, label, type: "integer", kind: "flow", required: true, ...(help ? { help } : {}) }) as const;
const days = (code: string, label: string, help?: string) =>
  ({ code, label, type: "decimal", kind: "flow", required: true, ...(help ? { help } : {}) }) as const;
const snapshot = (code: string, label: string, help?: string) =>
  ({ code, label, type: "integer", kind: "snapshot", required: true, ...(help ? { help } : {}) }) as const;

const DAY_HELP = "Une journée stagiaire : une personne formée pendant une journée (6 heures). 10 enseignants pendant une demi-journée : 5.";

/** The questionnaire of the 2017–2019 contract (domain page, section 3). */
export const FORM_V1: FormDefinition = {
  version: 1,
  validFrom: "2016-01",
  sections: [
    {
      code: "formation",
      title: "Formation",
      indicators: ["1-1", "1-5"],
      fields: [
        int("trainingActions", "Actions de formation réalisées"),
        int("trainingActionsEspe", "dont actions en partenariat avec une ESPE/INSPÉ"),
        int("trainees", "Stagiaires formés (personnes)"),
        days("traineeDaysOnSite", "Journées stagiaires dans les murs", DAY_HELP),
        days("traineeDaysOffSite", "Journées stagiaires hors les murs (en résidence, en établissement)", DAY_HELP),
        days("traineeDaysRemote", "Journées stagiaires à distance animées par l'atelier", DAY_HELP),
        days("traineeDaysEspe", "dont journées stagiaires en partenariat avec une ESPE/INSPÉ"),
      ],
    },
    {
      code: "accueil",
      title: "Accueil et bénéficiaires",
      indicators: ["2-2-2"],
      fields: [
        int("visitorsOnSite", "Personnes accueillies dans l'atelier"),
        int("beneficiariesOffSite", "Bénéficiaires hors les murs"),
        int("beneficiariesTeachers", "dont enseignants"),
        int("beneficiariesSupervisors", "dont personnels d'encadrement"),
        int("beneficiariesParents", "dont parents"),
        int("beneficiariesLocalStaff", "dont personnels des collectivités"),
        int("beneficiariesOther", "dont autres publics"),
        int("mediationBeneficiaries", "Bénéficiaires d'actes de médiation"),
        int("adviceBeneficiaries", "Bénéficiaires de conseil et d'expertise"),
      ],
    },
    {
      code: "codesign",
      title: "Co-design",
      indicators: ["3-4"],
      fields: [
        int("codesignSessions", "Sessions ou ateliers de co-design organisés"),
        int("codesignParticipants", "Participants aux sessions de co-design"),
      ],
    },
    {
      code: "evenements",
      title: "Conférences et événements",
      indicators: ["1-4"],
      fields: [
        int("events", "Conférences et événements organisés"),
        int("eventsDpe", "dont en lien avec le développement professionnel de l'enseignant"),
        int("eventParticipants", "Participants aux conférences et événements"),
      ],
    },
    {
      code: "partenariats",
      title: "Partenariats",
      indicators: [],
      fields: [
        int("agreementsEspe", "Conventions signées avec une ESPE/INSPÉ"),
        int("agreementsLocalAuthorities", "Conventions signées avec des collectivités"),
        int("agreementsOther", "Autres conventions (industriels, associations, éditeurs, laboratoires, international)"),
        int("localAuthoritiesServed", "Collectivités bénéficiaires de l'offre"),
      ],
    },
    {
      code: "equipe",
      title: "Équipe (au dernier jour du mois)",
      indicators: ["4-1-1"],
      fields: [
        snapshot("trainers", "Formateurs enseignants de l'atelier", "Effectif au dernier jour du mois, repris du mois précédent."),
        snapshot("trainersCertified", "dont certifiés CAFFA ou CAFIPEMF"),
      ],
    },
    {
      code: "commentaire",
      title: "Commentaire",
      indicators: [],
      fields: [
        {
          code: "highlights",
          label: "Faits marquants du mois",
          help: "Facultatif, 2 000 caractères au plus.",
          type: "text",
          kind: "comment",
          required: false,
          maxLength: 2000,
        },
      ],
    },
  ],
  rules: [
    {
      code: "espeActionsWithinActions",
      kind: "lte",
      severity: "error",
      fields: ["trainingActionsEspe"],
      max: ["trainingActions"],
      message: "Les actions en partenariat avec une ESPE/INSPÉ ne peuvent pas dépasser les actions de formation réalisées.",
    },
    {
      code: "espeDaysWithinDays",
      kind: "lte",
      severity: "error",
      fields: ["traineeDaysEspe"],
      max: ["traineeDaysOnSite", "traineeDaysOffSite", "traineeDaysRemote"],
      message: "Les journées stagiaires en partenariat avec une ESPE/INSPÉ ne peuvent pas dépasser le total des journées stagiaires.",
    },
    {
      code: "codesignParticipantsNeedSessions",
      kind: "zeroWhenZero",
      severity: "error",
      field: "codesignParticipants",
      when: "codesignSessions",
      message: "Sans session de co-design, le nombre de participants doit être 0.",
    },
    {
      code: "dpeEventsWithinEvents",
      kind: "lte",
      severity: "error",
      fields: ["eventsDpe"],
      max: ["events"],
      message: "Les événements liés au développement professionnel ne peuvent pas dépasser les événements organisés.",
    },
    {
      code: "certifiedWithinTrainers",
      kind: "lte",
      severity: "error",
      fields: ["trainersCertified"],
      max: ["trainers"],
      message: "Les formateurs certifiés ne peuvent pas dépasser l'effectif des formateurs.",
    },
    {
      code: "beneficiariesByPublic",
      kind: "sumEquals",
      severity: "warning",
      parts: ["beneficiariesTeachers", "beneficiariesSupervisors", "beneficiariesParents", "beneficiariesLocalStaff", "beneficiariesOther"],
      total: ["visitorsOnSite", "beneficiariesOffSite"],
      message:
        "La répartition par public ne correspond pas au total des personnes accueillies et des bénéficiaires hors les murs : expliquez l'écart.",
    },
    {
      code: "unusualFigure",
      kind: "outlier",
      severity: "warning",
      factor: 3,
      minDifference: 20,
      months: 12,
      message:
        "Ce chiffre s'écarte fortement des habitudes de l'atelier (plus de 3 fois ou moins du tiers de sa médiane sur 12 mois) : confirmez-le.",
    },
  ],
};
