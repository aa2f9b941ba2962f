/**
 * The six indicators of the 2017–2019 performance contract that the monthly
 * report feeds. The contract's "fiches indicateurs" are the authority for
 * each formula; where the domain page says otherwise, the fiche wins (1-1
 * counts the ateliers' trainee-days in and outside their walls, not the
 * remote ones: see its fiche).
 */
import type { IndicatorDef } from "./types.ts";

const SURVEY = "Enquête atelier (rapports mensuels des ateliers Canopé) – Direction de l'ingénierie des services";

export const CONTRACT_INDICATORS: readonly IndicatorDef[] = [
  {
    code: "1-1",
    label: "Journées stagiaires en lien avec le développement professionnel de l'enseignant",
    unit: "nombre",
    formula: { kind: "sum", terms: [{ fields: ["traineeDaysOnSite", "traineeDaysOffSite"], aggregation: "flow" }] },
    addsDistanceLearning: true,
    fiche: {
      contractTitle: "Nombre de journées stagiaires annuelles en lien avec le développement professionnel de l'enseignant",
      signification:
        "Mesure les efforts de Réseau Canopé pour augmenter le nombre de journées stagiaires consacrées au développement professionnel de l'enseignant, en se fondant sur le Référentiel des métiers du professorat et de l'éducation.",
      perimetre:
        "Ensemble des ateliers pour le présentiel (dans et hors les murs), et offre de formation à distance (MOOC et parcours M@gistère), comptée au niveau national seulement.",
      modeDeCalcul:
        "I = N1, nombre de journées stagiaires dispensées dans et hors les murs des ateliers, via les MOOC et les parcours M@gistère Canopé (prescrits et en autoformation). Somme des journées stagiaires dans les murs et hors les murs des rapports du périmètre ; au niveau national, plus les journées stagiaires MOOC et M@gistère du mois. Les journées à distance animées par l'atelier ne sont pas comptées : le périmètre du contrat ne retient que le présentiel des ateliers.",
      source: `${SURVEY} ; statistiques MOOC et M@gistère (DT Aquitaine, Direction des projets).`,
    },
  },
  {
    code: "1-4",
    label: "Conférences et événements en lien avec le développement professionnel de l'enseignant",
    unit: "nombre",
    formula: { kind: "sum", terms: [{ fields: ["eventsDpe"], aggregation: "flow" }] },
    addsDistanceLearning: false,
    fiche: {
      contractTitle:
        "Nombre de conférences et des événements dans les ateliers en lien avec le développement professionnel de l'enseignant",
      signification:
        "Mesure les efforts de Réseau Canopé pour diversifier son offre au service des enseignants, en privilégiant les thématiques du développement professionnel de l'enseignant.",
      perimetre: "Ensemble des ateliers Canopé.",
      modeDeCalcul:
        "I = N1, nombre de conférences et d'événements organisés par les ateliers en lien avec le développement professionnel de l'enseignant : somme des « dont en lien avec le développement professionnel de l'enseignant » des rapports du périmètre.",
      source: SURVEY,
    },
  },
  {
    code: "1-5",
    label: "Part des jours de formation en lien avec les ESPE/INSPÉ",
    unit: "%",
    // The fiche counts training days (the duration of the actions), which the questionnaire has from
    // version 2 on; a report of a version without them counts by its trainee-days, the proxy.
    formula: {
      kind: "ratio",
      numerator: [
        { fields: ["trainingDaysEspe"], aggregation: "flow", when: { hasField: "trainingDays" } },
        { fields: ["traineeDaysEspe"], aggregation: "flow", when: { lacksField: "trainingDays" } },
      ],
      denominator: [
        { fields: ["trainingDays"], aggregation: "flow", when: { hasField: "trainingDays" } },
        {
          fields: ["traineeDaysOnSite", "traineeDaysOffSite", "traineeDaysRemote"],
          aggregation: "flow",
          when: { lacksField: "trainingDays" },
        },
      ],
    },
    definitions: [
      {
        when: { hasField: "trainingDays" },
        label: "Selon la fiche : jours de formation en partenariat ESPE/INSPÉ sur jours de formation",
      },
      {
        when: { lacksField: "trainingDays" },
        label:
          "Approximation (questionnaire sans jours de formation) : journées stagiaires en partenariat ESPE/INSPÉ sur journées stagiaires",
      },
    ],
    addsDistanceLearning: false,
    fiche: {
      contractTitle: "Part des actions de formation en lien avec les ESPE (en jour de formation)",
      signification: "Mesure l'amélioration des liens entre les ESPE (aujourd'hui INSPÉ) et les ateliers Canopé.",
      perimetre: "Ensemble des ateliers Canopé (la formation à distance nationale n'y entre pas).",
      modeDeCalcul:
        "I = N1 / N, en %. Selon la fiche, en jours de formation (la durée des actions, quel que soit le nombre de stagiaires : une action de deux jours pour 20 enseignants compte 2 jours) : N1, jours de formation réalisés en partenariat avec une ESPE/INSPÉ ; N, jours de formation réalisés par l'atelier. Le questionnaire recueille les jours de formation à partir de sa version 2. Les rapports remplis avec une version qui ne les a pas (la version 1) comptent par approximation en journées stagiaires : N1, journées stagiaires en partenariat avec une ESPE/INSPÉ ; N, journées stagiaires dans les murs, hors les murs et à distance. Sur une période où les deux versions se côtoient, chaque rapport apporte son numérateur et son dénominateur selon sa version, puis on divise les sommes ; le chiffre indique les définitions employées. Jamais de moyenne des parts de chaque atelier ou de chaque mois.",
      source: SURVEY,
    },
  },
  {
    code: "2-2-2",
    label: "Bénéficiaires de l'offre des ateliers",
    unit: "nombre",
    formula: { kind: "sum", terms: [{ fields: ["visitorsOnSite", "beneficiariesOffSite"], aggregation: "flow" }] },
    addsDistanceLearning: false,
    fiche: {
      contractTitle: "Progression du nombre de bénéficiaires de l'offre des ateliers",
      signification: "Mesure l'attractivité et la notoriété des ateliers Canopé.",
      perimetre: "Ensemble des ateliers Canopé (dont hors les murs).",
      modeDeCalcul:
        "I = N1, nombre de bénéficiaires de l'offre des ateliers : somme des personnes accueillies dans l'atelier et des bénéficiaires hors les murs des rapports du périmètre. La progression se lit d'une année sur l'autre, face aux cibles.",
      source: SURVEY,
    },
  },
  {
    code: "3-4",
    label: "Sessions de co-design organisées dans les ateliers",
    unit: "nombre",
    formula: { kind: "sum", terms: [{ fields: ["codesignSessions"], aggregation: "flow" }] },
    addsDistanceLearning: false,
    fiche: {
      contractTitle: "Taux de croissance annuelle du nombre de sessions de co-design organisées dans les ateliers Canopé",
      signification: "Mesure le rôle joué par Réseau Canopé pour favoriser les démarches innovantes auprès des enseignants.",
      perimetre: "Ensemble des ateliers.",
      modeDeCalcul:
        "I = N1, exprimé en nombre : sessions ou ateliers de co-design organisés dans les ateliers Canopé, somme des rapports du périmètre. Le contrat fixe ses cibles en nombre ; la croissance annuelle se lit d'une cible à l'autre.",
      source: SURVEY,
    },
  },
  {
    code: "4-1-1",
    label: "Part des formateurs enseignants certifiés CAFFA ou CAFIPEMF",
    unit: "%",
    formula: {
      kind: "ratio",
      numerator: [{ fields: ["trainersCertified"], aggregation: "snapshot" }],
      denominator: [{ fields: ["trainers"], aggregation: "snapshot" }],
    },
    addsDistanceLearning: false,
    fiche: {
      contractTitle: "Formateurs Canopé bénéficiant de la certification CAFFA / CAFIPEMF",
      signification:
        "Mesure l'investissement de l'établissement dans la montée en compétences de ses personnels, dans le cadre d'exigence renforcé des formateurs académiques.",
      perimetre: "Ensemble des formateurs (filière enseignante) en ateliers, pas nécessairement l'ensemble des médiateurs.",
      modeDeCalcul:
        "I = N1 / N, en %. N1 : formateurs enseignants certifiés CAFFA ou CAFIPEMF ; N : formateurs enseignants. Effectifs au dernier jour du mois : pour chaque atelier, le dernier rapport de la période compte, puis les ateliers s'additionnent (un effectif ne se cumule pas de mois en mois).",
      source: SURVEY,
    },
  },
];

export function contractIndicator(code: string): IndicatorDef | undefined {
  return CONTRACT_INDICATORS.find((i) => i.code === code);
}

export const CONTRACT_INDICATOR_CODES = CONTRACT_INDICATORS.map((i) => i.code);
