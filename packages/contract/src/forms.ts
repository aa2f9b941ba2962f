/**
 * The questionnaire's versions (domain page, sections 3 and 7.4): what
 * GET /api/form and /api/forms serve, and the changes a national user makes
 * to a draft. The shapes mirror packages/domain/src/questionnaire/types.ts.
 */
import { FIELD_CODE_RE, FORM_CHANGE_KINDS, type FormChange, type RuleDef } from "@enquete/domain";
import { z } from "zod";

const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Mois invalide : attendu AAAA-MM, par exemple 2027-01.");
const ZCode = z
  .string()
  .regex(FIELD_CODE_RE, "Code invalide : une lettre puis des lettres ou des chiffres, sans espace ni accent (par exemple trainingDays).")
  .max(60, "60 caractères au plus.");
const ZText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "Ce texte ne peut pas être vide.")
    .max(max, `${max.toLocaleString("fr-FR")} caractères au plus.`);
const ZBound = z
  .number({ error: "Saisissez un nombre." })
  .min(0, "Une borne ne peut pas être négative.")
  .max(10_000_000, "Cette borne est trop grande.");

export const ZFieldDef = z
  .strictObject({
    code: ZCode,
    label: ZText(300),
    help: ZText(1000).optional(),
    type: z.enum(["integer", "decimal", "text"], { error: "Type inconnu : nombre entier, nombre décimal ou texte." }),
    kind: z.enum(["flow", "snapshot", "comment"], { error: "Nature inconnue : flux du mois, effectif au dernier jour ou commentaire." }),
    required: z.boolean(),
    maxLength: z.number().int().min(1).max(10_000).optional(),
    min: ZBound.optional(),
    max: ZBound.optional(),
  })
  .meta({ id: "FormField" });

const ZCodes = z.array(ZCode).min(1, "Au moins un champ.");
const ZMessage = ZText(500);

export const ZRuleDef = z
  .discriminatedUnion(
    "kind",
    [
      z.strictObject({
        code: ZCode,
        kind: z.literal("lte"),
        severity: z.literal("error"),
        fields: ZCodes,
        max: ZCodes,
        when: ZCode.optional(),
        message: ZMessage,
      }),
      z.strictObject({
        code: ZCode,
        kind: z.literal("zeroWhenZero"),
        severity: z.literal("error"),
        field: ZCode,
        when: ZCode,
        message: ZMessage,
      }),
      z.strictObject({
        code: ZCode,
        kind: z.literal("sumEquals"),
        severity: z.literal("warning"),
        parts: ZCodes,
        total: ZCodes,
        message: ZMessage,
      }),
      z.strictObject({
        code: ZCode,
        kind: z.literal("outlier"),
        severity: z.literal("warning"),
        factor: z.number().min(1.1, "Un facteur d'au moins 1,1.").max(100),
        minDifference: z.number().min(0).max(10_000_000),
        months: z.number().int().min(1).max(60),
        message: ZMessage,
      }),
    ],
    { error: "Règle inconnue : plafond entre champs, zéro quand zéro, somme attendue ou valeur inhabituelle." },
  )
  .meta({ id: "FormRule" });

export const ZSection = z.object({
  code: z.string(),
  title: z.string(),
  indicators: z.array(z.string()),
  fields: z.array(ZFieldDef),
});

/** A questionnaire version as reports read it (GET /api/form, /api/forms/{version}, a report's `form`). */
export const ZForm = z
  .object({
    version: z.number().int(),
    validFrom: z.string().meta({ description: "Premier mois où cette version s'applique (AAAA-MM) ; pour un brouillon, vide." }),
    sections: z.array(ZSection),
    rules: z.array(ZRuleDef),
  })
  .meta({ id: "Form" });

export const ZFormChange = z
  .discriminatedUnion(
    "kind",
    [
      z.strictObject({ kind: z.literal("addField"), section: z.string(), after: ZCode.nullable().optional(), field: ZFieldDef }),
      z.strictObject({ kind: z.literal("relabel"), field: ZCode, label: ZText(300) }),
      z.strictObject({ kind: z.literal("setHelp"), field: ZCode, help: ZText(1000).nullable() }),
      z.strictObject({ kind: z.literal("setRequired"), field: ZCode, required: z.boolean() }),
      z.strictObject({ kind: z.literal("setBounds"), field: ZCode, min: ZBound.nullable(), max: ZBound.nullable() }),
      z.strictObject({ kind: z.literal("moveField"), field: ZCode, section: z.string(), after: ZCode.nullable() }),
      z.strictObject({ kind: z.literal("retireField"), field: ZCode }),
      z.strictObject({ kind: z.literal("addRule"), rule: ZRuleDef }),
      z.strictObject({ kind: z.literal("changeRule"), rule: ZRuleDef }),
      z.strictObject({ kind: z.literal("removeRule"), code: ZCode }),
    ],
    { error: `Modification inconnue : ${FORM_CHANGE_KINDS.join(", ")}.` },
  )
  .meta({ id: "FormChange" });

export const ZFormChanges = z.array(ZFormChange).max(200, "200 modifications au plus par version.");

export const ZFormVersionStatus = z.enum(["draft", "published"]);

/** One version in the list of GET /api/forms. */
export const ZFormVersionSummary = z
  .object({
    version: z.number().int(),
    status: ZFormVersionStatus,
    basedOn: z.number().int().nullable(),
    validFrom: z.string().nullable().meta({ description: "Premier mois d'application (AAAA-MM) ; null pour un brouillon." }),
    validTo: z.string().nullable().meta({ description: "Dernier mois d'application, quand une version plus récente prend le relais." }),
    fields: z.number().int().meta({ description: "Nombre de champs du questionnaire." }),
    changes: z.number().int(),
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    publishedBy: z.string().nullable(),
  })
  .meta({ id: "FormVersionSummary" });

export const ZFormVersionList = z.object({ versions: z.array(ZFormVersionSummary) }).meta({ id: "FormVersionList" });

/** GET /api/forms/{version}: the version, its changes to the one it is based on, and the questionnaire they give. */
export const ZFormVersionDetail = z
  .object({
    ...ZFormVersionSummary.shape,
    form: ZForm,
    changeList: ZFormChanges,
    /** Codes of every field any version ever had, with its type and nature: a new field cannot take one. */
    usedCodes: z.array(z.object({ code: z.string(), label: z.string(), versions: z.array(z.number().int()) })),
  })
  .meta({ id: "FormVersionDetail" });

export const ZFormVersionParams = z.object({ version: z.coerce.number().int().positive("Numéro de version invalide.") });
export const ZFormQuery = z.object({ period: ZMonth.optional() });
export const ZCreateFormBody = z
  .strictObject({ basedOn: z.number().int().positive(), changes: ZFormChanges.default([]) })
  .meta({ id: "CreateFormBody" });
export const ZUpdateFormBody = z.strictObject({ changes: ZFormChanges }).meta({ id: "UpdateFormBody" });
export const ZPublishFormBody = z.strictObject({ from: ZMonth }).meta({ id: "PublishFormBody" });
/** A draft's `updatedAt` as read, quoted or not: required to publish or delete it, optional to replace its changes. */
export const ZDraftHeaders = z.object({
  "if-match": z.string().optional().meta({ description: 'Le `updatedAt` du brouillon lu, par exemple "2027-01-05T09:30:00.000Z".' }),
});

export type TForm = z.infer<typeof ZForm>;
export type TFormChange = z.infer<typeof ZFormChange>;
export type TFormVersionSummary = z.infer<typeof ZFormVersionSummary>;
export type TFormVersionDetail = z.infer<typeof ZFormVersionDetail>;

// The contract and the domain describe the same objects.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _changesMatch: Same<z.infer<typeof ZFormChange>["kind"], FormChange["kind"]> = true;
const _rulesMatch: Same<z.infer<typeof ZRuleDef>["kind"], RuleDef["kind"]> = true;
void _changesMatch;
void _rulesMatch;
