/** The questionnaire's rules: added, changed (replaced by code) or removed, with the kinds the report knows. */
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { formFields } from "@enquete/domain";
import { Controller } from "react-hook-form";
import { RULE_KIND_LABELS } from "../versionText.ts";
import { CodesFieldset, FieldSelect, fieldOption, invalid, RefusalAlert, SaveButton } from "./inputs.tsx";
import { type RemoveRuleInput, type RuleInput, removeRuleSchema, ruleInputOf, ruleSchema } from "./schemas.ts";
import { type ChangeFormProps, errorAt, useChangeForm } from "./useChangeForm.ts";

const NARROW = { maxWidth: "14rem" };
const stateOf = (message: string | undefined) => (message ? ("error" as const) : ("default" as const));

const KIND_HINTS = {
  lte: "Un champ (ou une somme de champs) ne peut pas dépasser un autre (ou une somme) : bloque la soumission.",
  zeroWhenZero: "Un champ doit valoir 0 quand un autre vaut 0 : bloque la soumission.",
  sumEquals: "Des champs devraient égaler la somme d'autres : sinon, une justification est demandée pour soumettre.",
  outlier: "Un chiffre loin de la médiane de l'atelier demande une confirmation (une seule règle de ce type par version).",
} as const;

/** A rule added (a new code) or changed (an existing rule, replaced as a whole). */
export function RuleForm({ form, index, onSave, mode }: ChangeFormProps & { mode: "addRule" | "changeRule" }) {
  const { methods, submit, refusal, pending } = useChangeForm<RuleInput>(
    ruleSchema(mode),
    { rule: ruleInputOf(undefined) },
    { index, onSave },
  );
  const { register, control, watch, reset, formState } = methods;
  const err = (path: string) => errorAt(formState.errors, path);
  const numeric = formFields(form).filter((f) => f.type !== "text");
  const kind = watch("rule.kind");
  const label = mode === "addRule" ? "Ajouter une règle" : "Modifier une règle";

  const codes = (name: "rule.fields" | "rule.max" | "rule.parts" | "rule.total", legend: string, hint?: string) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <CodesFieldset legend={legend} hint={hint} fields={numeric} value={field.value} onChange={field.onChange} error={err(name)} />
      )}
    />
  );

  // The outlier rule's three settings: numbers typed the French way, each with its hint.
  const outlierNumber = (
    name: "rule.factor" | "rule.minDifference" | "rule.months",
    inputLabel: string,
    hint: string,
    inputMode: "decimal" | "numeric",
  ) => (
    <div className="fr-col-12 fr-col-md-4">
      <Input
        label={inputLabel}
        hintText={hint}
        state={stateOf(err(name))}
        stateRelatedMessage={err(name)}
        nativeInputProps={{ ...register(name), inputMode, autoComplete: "off", style: NARROW, "aria-invalid": invalid(err(name)) }}
      />
    </div>
  );

  return (
    <form noValidate onSubmit={submit} aria-label={label}>
      <RefusalAlert refusal={refusal} />
      {mode === "changeRule" ? (
        <Select
          label="Règle à modifier"
          hint="Ses réglages actuels se remplissent : changez ce qui doit l'être."
          state={stateOf(err("rule.code"))}
          stateRelatedMessage={err("rule.code")}
          nativeSelectProps={{
            ...register("rule.code"),
            onChange: (e) => reset({ rule: ruleInputOf(form.rules.find((r) => r.code === e.target.value)) }),
            value: watch("rule.code"),
            "aria-invalid": invalid(err("rule.code")),
          }}
        >
          <option value="">Choisissez une règle</option>
          {form.rules.map((r) => (
            <option key={r.code} value={r.code}>
              {RULE_KIND_LABELS[r.kind]} : {r.code}
            </option>
          ))}
        </Select>
      ) : (
        <Input
          label="Code de la règle"
          hintText="Son identifiant : une lettre puis des lettres ou des chiffres, sans espace ni accent (par exemple trainingDaysWithinTraineeDays)."
          state={stateOf(err("rule.code"))}
          stateRelatedMessage={err("rule.code")}
          nativeInputProps={{
            ...register("rule.code"),
            autoComplete: "off",
            spellCheck: false,
            style: { maxWidth: "24rem" },
            "aria-invalid": invalid(err("rule.code")),
          }}
        />
      )}
      <RadioButtons
        legend="Type de règle"
        state={stateOf(err("rule.kind"))}
        stateRelatedMessage={err("rule.kind")}
        options={(["lte", "zeroWhenZero", "sumEquals", "outlier"] as const).map((k) => ({
          label: RULE_KIND_LABELS[k],
          hintText: KIND_HINTS[k],
          nativeInputProps: { ...register("rule.kind"), value: k, "aria-invalid": invalid(err("rule.kind")) },
        }))}
      />
      {kind === "lte" && (
        <>
          {codes("rule.fields", "Champs plafonnés", "Leur somme ne peut pas dépasser le plafond.")}
          {codes("rule.max", "Plafond : la somme de ces champs")}
          <Select
            label="Seulement quand ce champ est supérieur à 0 (facultatif)"
            hint="Par exemple : seulement quand il y a des stagiaires."
            state={stateOf(err("rule.when"))}
            stateRelatedMessage={err("rule.when")}
            nativeSelectProps={{ ...register("rule.when"), value: watch("rule.when"), "aria-invalid": invalid(err("rule.when")) }}
          >
            <option value="">Toujours</option>
            {numeric.map((f) => (
              <option key={f.code} value={f.code}>
                {fieldOption(f)}
              </option>
            ))}
          </Select>
        </>
      )}
      {kind === "zeroWhenZero" && (
        <>
          <FieldSelect
            label="Champ qui doit valoir 0"
            form={form}
            only={(f) => f.type !== "text"}
            error={err("rule.field")}
            selectProps={{ ...register("rule.field"), value: watch("rule.field") }}
          />
          <FieldSelect
            label="Quand ce champ vaut 0"
            form={form}
            only={(f) => f.type !== "text"}
            error={err("rule.when")}
            selectProps={{ ...register("rule.when"), value: watch("rule.when") }}
          />
        </>
      )}
      {kind === "sumEquals" && (
        <>
          {codes("rule.parts", "Champs à additionner", "Par exemple : les bénéficiaires par public.")}
          {codes("rule.total", "Total attendu : la somme de ces champs")}
        </>
      )}
      {kind === "outlier" && (
        <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
          {outlierNumber("rule.factor", "Facteur d'écart", "3 : plus de 3 fois la médiane, ou moins du tiers.", "decimal")}
          {outlierNumber("rule.minDifference", "Écart minimal", "Un écart plus petit n'est jamais signalé.", "decimal")}
          {outlierNumber("rule.months", "Mois comparés", "Les derniers mois validés de l'atelier.", "numeric")}
        </div>
      )}
      <Input
        textArea
        label="Message affiché"
        hintText="Ce que lira la direction d'atelier sous le champ : ce qui ne va pas, et quoi faire."
        state={stateOf(err("rule.message"))}
        stateRelatedMessage={err("rule.message")}
        nativeTextAreaProps={{ ...register("rule.message"), rows: 3, "aria-invalid": invalid(err("rule.message")) }}
      />
      <SaveButton pending={pending} label={mode === "addRule" ? "Ajouter cette règle" : "Enregistrer la modification"} />
    </form>
  );
}

export function RemoveRuleForm({ form, index, onSave }: ChangeFormProps) {
  const { methods, submit, refusal, pending } = useChangeForm<RemoveRuleInput>(removeRuleSchema, { code: "" }, { index, onSave });
  const { register, formState } = methods;
  const err = errorAt(formState.errors, "code");
  return (
    <form noValidate onSubmit={submit} aria-label="Supprimer une règle">
      <RefusalAlert refusal={refusal} />
      <Select
        label="Règle à supprimer"
        state={stateOf(err)}
        stateRelatedMessage={err}
        nativeSelectProps={{ ...register("code"), "aria-invalid": invalid(err) }}
      >
        <option value="">Choisissez une règle</option>
        {form.rules.map((r) => (
          <option key={r.code} value={r.code}>
            {RULE_KIND_LABELS[r.kind]} : {r.code}
          </option>
        ))}
      </Select>
      <SaveButton pending={pending} label="Supprimer cette règle" />
    </form>
  );
}
