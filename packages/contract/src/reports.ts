import { NOTE_MAX, REPORT_STATUSES } from "@enquete/domain";
import { z } from "zod";
import { ZAtelierCode, ZTerritoryCode } from "./common.ts";
import { ZForm } from "./forms.ts";

export const ZPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Mois invalide : attendu AAAA-MM, par exemple 2026-10.");

export const ZReportStatus = z.enum(REPORT_STATUSES);
export const ZListedStatus = z.enum(["not_started", ...REPORT_STATUSES]);

/** Values as stored: numbers by field code, the comment as text; null is "not entered". */
export const ZReportValues = z.record(z.string(), z.union([z.number(), z.string(), z.null()])).meta({
  id: "ReportValues",
  description: "Les valeurs par code de champ du questionnaire (voir GET /api/form). null : non saisi ; 0 : aucun.",
});

export const ZReportParams = z.object({ atelier: ZAtelierCode, period: ZPeriod });
export type TReportParams = z.infer<typeof ZReportParams>;

export const ZListReportsQuery = z.object({
  period: ZPeriod,
  territory: ZTerritoryCode.optional(),
  status: ZListedStatus.optional(),
});
export type TListReportsQuery = z.infer<typeof ZListReportsQuery>;

/** How a report stands against its deadline, worded once for every screen (see timeliness in packages/domain). */
export const ZTimeliness = z
  .object({
    kind: z.enum([
      "not_expected",
      "to_come",
      "due",
      "overdue",
      "on_time",
      "submitted_late",
      "returned_due",
      "returned_overdue",
      "returned_late",
    ]),
    label: z
      .string()
      .meta({ description: "En français, par exemple « Renvoyé le 12 janvier, échéance dépassée (soumis à temps le 8 décembre) »." }),
  })
  .meta({ id: "Timeliness" });

/** What the month's rhythm says of a report (domain page, section 4), in its row and in its state. */
const rhythmShape = {
  open: z.boolean().meta({ description: "L'atelier est ouvert ce mois-là (de son mois d'ouverture au mois précédant sa fermeture)." }),
  expected: z.boolean().meta({ description: "Le rapport est attendu : l'atelier est ouvert ce mois-là et le mois est terminé." }),
  submittableFrom: z
    .string()
    .meta({ description: "Le premier jour où le rapport peut être soumis : le dernier jour du mois (AAAA-MM-JJ)." }),
  firstSubmittedAt: z.string().nullable().meta({ description: "La première soumission, qui fait le retard ou non." }),
  returnedAt: z.string().nullable().meta({ description: "Le dernier renvoi (ou la dernière réouverture), quand le rapport est renvoyé." }),
  timeliness: ZTimeliness,
};

export const ZReportRow = z
  .object({
    ...rhythmShape,
    atelierCode: z.string(),
    period: z.string(),
    territoryCode: z.string().nullable(),
    status: ZListedStatus,
    version: z.number().int(),
    submittedAt: z.string().nullable(),
    validatedAt: z.string().nullable(),
    dueDate: z.string(),
    late: z.boolean(),
  })
  .meta({ id: "ReportRow" });
export type TReportRow = z.infer<typeof ZReportRow>;
export const ZReportList = z.array(ZReportRow);

export const ZReviewQueueQuery = z.object({
  territory: ZTerritoryCode.optional(),
  period: ZPeriod.optional(),
});
export type TReviewQueueQuery = z.infer<typeof ZReviewQueueQuery>;

/** The reports waiting for review in the caller's scope, every month together, oldest month first. */
export const ZReviewQueue = z
  .object({
    total: z
      .number()
      .int()
      .meta({ description: "Tous les rapports à examiner du périmètre, tous mois confondus (quel que soit le filtre de mois)." }),
    months: z
      .array(z.object({ period: z.string(), count: z.number().int() }))
      .meta({ description: "Les mois qui ont des rapports à examiner, du plus ancien au plus récent, avec leur nombre." }),
    rows: z
      .array(ZReportRow)
      .meta({ description: "Les rapports à examiner (du mois demandé, ou de tous), du mois le plus ancien au plus récent." }),
  })
  .meta({ id: "ReviewQueue" });
export type TReviewQueue = z.infer<typeof ZReviewQueue>;

const ZReportKey = z.object({ atelierCode: ZAtelierCode, period: ZPeriod });

/** Validates reports of several months at once (the queue of every month). */
export const ZReviewBatchBody = z
  .object({
    items: z.array(ZReportKey).min(1, "Choisissez au moins un rapport.").max(200, "200 rapports au plus à la fois."),
  })
  .meta({ id: "ReviewBatchBody" });
export type TReviewBatchBody = z.infer<typeof ZReviewBatchBody>;

export const ZReviewBatchResult = z
  .object({
    validated: z.array(ZReportKey),
    refused: z.array(ZReportKey.extend({ code: z.string(), message: z.string() })),
  })
  .meta({ id: "ReviewBatchResult" });
export type TReviewBatchResult = z.infer<typeof ZReviewBatchResult>;

export const ZAtelierReportsQuery = z.object({
  from: ZPeriod.optional(),
  to: ZPeriod.optional(),
});
export type TAtelierReportsQuery = z.infer<typeof ZAtelierReportsQuery>;

export const ZWarning = z
  .object({ code: z.string(), rule: z.string(), fields: z.array(z.string()), message: z.string() })
  .meta({ id: "ReportWarning" });
export type TWarning = z.infer<typeof ZWarning>;

/** What a person's words on a report are: the history and the review show each as what it is. */
export const REMARK_KINDS = ["return_comment", "reopen_reason", "reply", "justification", "note"] as const;
export type RemarkKind = (typeof REMARK_KINDS)[number];

export const ZRemark = z
  .object({
    kind: z.enum(REMARK_KINDS).meta({
      description:
        "return_comment : commentaire de renvoi ; reopen_reason : motif de réouverture ; reply : réponse de l'atelier ; justification : justification d'un avertissement ; note : note sur un chiffre.",
    }),
    field: z.string().optional().meta({ description: "Le code du champ d'une note, le code de l'avertissement d'une justification." }),
    label: z.string().optional().meta({
      description: "Le libellé du champ d'une note, le message de l'avertissement d'une justification (tel qu'il était affiché).",
    }),
    text: z.string().meta({ description: "Le texte ; vide pour une note retirée." }),
  })
  .meta({ id: "ReportRemark" });
export type TRemark = z.infer<typeof ZRemark>;

export const ZReportEvent = z
  .object({
    at: z.string().meta({ description: "Quand ; pour des enregistrements regroupés, le premier." }),
    until: z
      .string()
      .nullable()
      .meta({ description: "Pour des enregistrements regroupés (une même séance de saisie), le dernier ; null sinon." }),
    saves: z.number().int().min(1).meta({
      description:
        "Combien d'enregistrements cette ligne regroupe : les enregistrements successifs d'une même personne, sans autre événement entre eux et à moins de 30 minutes l'un de l'autre ; 1 sinon.",
    }),
    actor: z.string(),
    action: z.enum(["create", "save", "submit", "validate", "return", "reopen", "move", "upgrade"]),
    fromStatus: ZReportStatus.nullable(),
    toStatus: ZReportStatus,
    version: z
      .number()
      .int()
      .meta({ description: "La version que l'événement laisse (pour des enregistrements regroupés, celle du dernier)." }),
    changes: z
      .array(
        z.object({ field: z.string(), from: z.union([z.number(), z.string(), z.null()]), to: z.union([z.number(), z.string(), z.null()]) }),
      )
      .meta({
        description:
          "Les valeurs changées ; pour des enregistrements regroupés, de la première valeur à la dernière (un champ revenu à sa valeur n'y est plus).",
      }),
    comment: z
      .string()
      .nullable()
      .meta({ description: "Compatibilité : le commentaire de renvoi ou le motif de réouverture (voir remarks)." }),
    remarks: z.array(ZRemark).meta({ description: "Les textes que porte l'événement, chacun avec sa nature, dans l'ordre." }),
  })
  .meta({ id: "ReportEvent" });
export type TReportEvent = z.infer<typeof ZReportEvent>;

/** One turn of the dialogue on a report: who said what, when, as what. */
export const ZConversationEntry = z
  .object({
    at: z.string(),
    actor: z.string(),
    kind: z.enum(["return_comment", "reopen_reason", "reply", "justification"]),
    field: z.string().optional().meta({ description: "Le code de l'avertissement justifié." }),
    label: z.string().optional().meta({ description: "Le message de l'avertissement justifié." }),
    text: z.string(),
  })
  .meta({ id: "ConversationEntry" });
export type TConversationEntry = z.infer<typeof ZConversationEntry>;

/** The director's notes on figures, by field code ("dont 40 journées pour le plan académique numérique"). */
export const ZReportNotes = z
  .record(z.string(), z.string().trim().max(NOTE_MAX, `${NOTE_MAX} caractères au plus pour une note.`))
  .meta({ id: "ReportNotes", description: "Une courte note par chiffre, par code de champ ; une note vide est retirée." });

/** A newer questionnaire version covers the report's month: the report, a draft or returned, may move to it, its values kept. */
export const ZFormUpgrade = z
  .object({
    version: z.number().int(),
    validFrom: z.string(),
    added: z.array(z.object({ code: z.string(), label: z.string() })).meta({ description: "Les champs nouveaux, à remplir." }),
    retired: z
      .array(z.object({ code: z.string(), label: z.string(), value: z.union([z.number(), z.string(), z.null()]) }))
      .meta({ description: "Les champs que la nouvelle version n'a plus : leur valeur saisie ne sera pas reprise." }),
  })
  .meta({ id: "FormUpgrade" });
export type TFormUpgrade = z.infer<typeof ZFormUpgrade>;

export const ZUpgradeReportBody = z
  .strictObject({ formVersion: z.number().int().positive("Numéro de version invalide.") })
  .meta({ id: "UpgradeReportBody" });

const reportStateShape = {
  ...rhythmShape,
  atelierCode: z.string(),
  period: z.string(),
  territoryCode: z.string().nullable(),
  status: ZListedStatus,
  version: z.number().int().meta({ description: "0 tant que le rapport n'existe pas ; à renvoyer dans If-Match." }),
  formVersion: z.number().int(),
  form: ZForm.meta({ description: "Le questionnaire de la version du rapport, tel qu'il se remplit et se lit." }),
  formUpgrade: ZFormUpgrade.nullable().meta({
    description:
      "Quand une version plus récente couvre ce mois et que le rapport est encore modifiable (brouillon ou renvoyé) : ce que le passage changerait.",
  }),
  editable: z.boolean().meta({ description: "L'atelier peut-il encore le modifier (brouillon ou renvoyé) ?" }),
  values: ZReportValues,
  notes: ZReportNotes,
  justifications: z.record(z.string(), z.string()),
  warnings: z.array(ZWarning),
  dueDate: z.string(),
  late: z.boolean(),
  submittedAt: z.string().nullable(),
  validatedAt: z.string().nullable(),
  updatedAt: z
    .string()
    .nullable()
    .meta({ description: "Le dernier changement (enregistrement ou décision), null tant que le rapport n'existe pas." }),
  updatedBy: z.string().nullable().meta({ description: "Qui l'a fait." }),
  returnComment: z
    .string()
    .nullable()
    .meta({ description: "Le dernier commentaire de renvoi ou de réouverture, quand le rapport est renvoyé." }),
  returnEvent: z
    .object({ action: z.enum(["return", "reopen"]), at: z.string(), actor: z.string() })
    .nullable()
    .meta({ description: "Le renvoi (ou la réouverture nationale) qui a rendu le rapport à l'atelier, quand il est renvoyé." }),
  conversation: z.array(ZConversationEntry).meta({
    description:
      "Le dialogue sur le rapport, du plus ancien au plus récent : commentaires de renvoi, motifs de réouverture, réponses de l'atelier, justifications (les notes telles qu'elles sont : voir notes).",
  }),
  reference: z
    .object({
      previousMonth: ZReportValues.nullable(),
      sameMonthLastYear: ZReportValues.nullable(),
      medians: z.record(z.string(), z.number()),
    })
    .meta({ description: "Pour comparer : le mois précédent, le même mois l'an dernier, les médianes des 12 derniers mois validés." }),
};

/** A report as a transition leaves it (submit, validate, return, reopen): everything but the history. */
export const ZReportState = z.object(reportStateShape).meta({ id: "ReportState" });
export type TReportState = z.infer<typeof ZReportState>;

/** A report as GET reads it: its state and its whole history, oldest first (a sitting of autosaves as one line). */
export const ZReport = z.object({ ...reportStateShape, history: z.array(ZReportEvent) }).meta({ id: "Report" });
export type TReport = z.infer<typeof ZReport>;

/**
 * The answer of a draft save: exactly what that save wrote (or, for a save
 * that changed nothing, what is stored at the version it named), and what
 * the form needs next. Small on purpose: autosave sends one every few seconds.
 */
export const ZSavedDraft = z
  .object({
    atelierCode: z.string(),
    period: z.string(),
    status: ZReportStatus,
    version: z.number().int().meta({ description: "La version écrite par cet enregistrement : à renvoyer dans If-Match au suivant." }),
    formVersion: z.number().int(),
    values: ZReportValues,
    notes: ZReportNotes,
    warnings: z.array(ZWarning),
    savedAt: z.string().meta({ description: "Quand cette version a été écrite." }),
    editable: z.boolean(),
  })
  .meta({ id: "SavedDraft" });
export type TSavedDraft = z.infer<typeof ZSavedDraft>;

export const ZReportHistoryQuery = z.object({
  page: z.coerce.number().int("Numéro de page entier attendu.").min(1, "Les pages commencent à 1.").max(100_000).default(1),
  pageSize: z.coerce
    .number()
    .int("Taille de page entière attendue.")
    .min(1, "Une ligne au moins.")
    .max(100, "100 lignes au plus.")
    .default(20),
  group: z.enum(["sittings", "none"], { error: "Regroupement attendu : sittings ou none." }).default("sittings").meta({
    description:
      "sittings (par défaut) : les enregistrements d'une même séance de saisie font une ligne ; none : une ligne par événement, chaque enregistrement avec ses propres valeurs (pour un script qui rejoue l'historique).",
  }),
});
export type TReportHistoryQuery = z.infer<typeof ZReportHistoryQuery>;

/** One page of a report's history, the latest change first. */
export const ZReportHistoryPage = z
  .object({
    items: z.array(ZReportEvent),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z
      .number()
      .int()
      .meta({ description: "Le nombre de lignes de l'historique (enregistrements regroupés comptés une fois), toutes pages comprises." }),
  })
  .meta({ id: "ReportHistoryPage" });
export type TReportHistoryPage = z.infer<typeof ZReportHistoryPage>;

export const ZSaveReportBody = z
  .object({
    values: ZReportValues,
    notes: ZReportNotes.optional().meta({ description: "Les notes, toutes (absentes : inchangées)." }),
    formVersion: z.number().int("Numéro de version invalide.").positive("Numéro de version invalide.").optional().meta({
      description:
        "La version du questionnaire sur laquelle les valeurs ont été saisies. Quand elle n'est pas celle qu'écrirait l'enregistrement (celle du rapport, ou pour un rapport nouveau celle du mois) : 409 FORM_VERSION_CHANGED, rien n'est écrit.",
    }),
  })
  .meta({ id: "SaveReportBody" });
export type TSaveReportBody = z.infer<typeof ZSaveReportBody>;

export const ZSaveReportHeaders = z.object({
  "if-match": z
    .string()
    .regex(/^(W\/)?"?\d+"?$/, 'If-Match doit porter la version du rapport, par exemple "3".')
    .optional(),
});

export const ZSubmitReportBody = z
  .object({
    justifications: z.record(z.string(), z.string().max(2000, "2 000 caractères au plus.")).optional(),
    reply: z.string().trim().max(2000, "2 000 caractères au plus pour la réponse.").optional().meta({
      description:
        "La réponse de l'atelier au commentaire de renvoi (ou au motif de réouverture), quand il soumet de nouveau un rapport renvoyé ; refusée (422, champ reply) pour un rapport qui n'a pas été renvoyé.",
    }),
  })
  .meta({ id: "SubmitReportBody" });
export type TSubmitReportBody = z.infer<typeof ZSubmitReportBody>;

export const ZReturnReportBody = z
  .object({
    comment: z
      .string({ error: "Un commentaire est obligatoire." })
      .trim()
      .min(1, "Un commentaire est obligatoire.")
      .max(2000, "2 000 caractères au plus."),
  })
  .meta({ id: "ReturnReportBody" });
export const ZReopenReportBody = z
  .object({
    reason: z
      .string({ error: "Un motif est obligatoire." })
      .trim()
      .min(1, "Un motif est obligatoire.")
      .max(2000, "2 000 caractères au plus."),
  })
  .meta({ id: "ReopenReportBody" });

/** 409: the version sent is stale; the body carries the current report so the UI can compare. */
export const ZConflict = z
  .object({
    code: z.literal("VERSION_CONFLICT"),
    message: z.string(),
    requestId: z.string().optional(),
    current: z.object({
      version: z.number().int(),
      status: ZListedStatus,
      values: ZReportValues,
      updatedBy: z.string().nullable(),
      updatedAt: z.string().nullable(),
    }),
  })
  .meta({ id: "VersionConflict" });
export type TConflict = z.infer<typeof ZConflict>;
