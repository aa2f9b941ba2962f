import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import {
  draftValuesSchema,
  type FieldDef,
  type FormDefinition,
  formFields,
  hardRuleProblems,
  missingRequired,
  parseFrenchNumber,
  type ReportValues,
  softWarnings,
  type Warning,
} from "@enquete/domain";
import { type FormEvent, useMemo, useState } from "react";
import { plural } from "../../shared/format.ts";

// A count needs a few digits, not the page's width (as on the report).
const NARROW = { maxWidth: "14rem" };

type Checked = {
  /** The first problem of each field: its type, then the questionnaire's hard rules (and, once asked, what is missing). */
  errors: Record<string, string>;
  warnings: Warning[];
};

/** The typed texts as values, the way the report reads them; a text that is not a number is a type error, not a value. */
function check(form: FormDefinition, texts: Record<string, string>, withMissing: boolean): Checked {
  const errors: Record<string, string> = {};
  const values: ReportValues = {};
  for (const f of formFields(form)) {
    const text = texts[f.code] ?? "";
    if (f.type === "text") {
      values[f.code] = text === "" ? null : text;
      continue;
    }
    const n = parseFrenchNumber(text);
    if (n === undefined) errors[f.code] = "Saisissez un nombre.";
    else values[f.code] = n;
  }
  const typed = draftValuesSchema(form).safeParse(values);
  const readable: ReportValues = { ...values };
  if (!typed.success) {
    for (const issue of typed.error.issues) {
      const code = String(issue.path[0] ?? "");
      errors[code] ??= issue.message;
      delete readable[code];
    }
  }
  const problems = [...hardRuleProblems(form, readable), ...(withMissing ? missingRequired(form, readable) : [])];
  for (const p of problems) errors[p.field] ??= p.message;
  return { errors, warnings: softWarnings(form, readable) };
}

/**
 * The questionnaire as a director will fill it, with its rules checked as one
 * types (the domain's own checks, as on the report): nothing typed here is saved.
 * What is typed is kept by field code, so a change saved meanwhile keeps it.
 */
export function FormPreview({ form }: { form: FormDefinition }) {
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [justifications, setJustifications] = useState<Record<string, string>>({});
  const [withMissing, setWithMissing] = useState(false);
  const { errors, warnings } = useMemo(() => check(form, texts, withMissing), [form, texts, withMissing]);
  const optional = formFields(form).filter((f) => !f.required);
  const errorCount = formFields(form).filter((f) => errors[f.code]).length;
  const hasOutlier = form.rules.some((r) => r.kind === "outlier");

  const onSubmit = (e: FormEvent) => {
    // The preview submits nothing: its button checks as a submission would.
    e.preventDefault();
    setWithMissing(true);
  };
  const clear = () => {
    setTexts({});
    setJustifications({});
    setWithMissing(false);
  };

  return (
    <form noValidate onSubmit={onSubmit} aria-label={`Aperçu du rapport mensuel, version ${form.version}`}>
      <p className="fr-hint-text fr-mb-3w">
        {optional.length === 0
          ? "Tous les champs sont obligatoires : saisissez 0 s'il n'y a rien à déclarer."
          : `Tous les champs sont obligatoires, sauf : ${optional.map((f) => f.label).join(", ")}. Saisissez 0 s'il n'y a rien à déclarer.`}{" "}
        Les nombres décimaux s'écrivent avec une virgule (12,5).
      </p>
      {form.sections
        .filter((s) => s.fields.length > 0)
        .map((section) => {
          const legendId = `apercu-section-${section.code}`;
          return (
            <fieldset key={section.code} className="fr-fieldset fr-mb-4w" aria-labelledby={legendId}>
              <legend className="fr-fieldset__legend" id={legendId}>
                <h3 className="fr-h5 fr-mb-0">{section.title}</h3>
              </legend>
              <div className="fr-fieldset__element">
                {section.fields.map((field) => (
                  <div key={field.code}>
                    <PreviewField
                      field={field}
                      text={texts[field.code] ?? ""}
                      error={errors[field.code]}
                      onChange={(text) => setTexts((t) => ({ ...t, [field.code]: text }))}
                    />
                    {warnings
                      .filter((w) => w.fields[w.fields.length - 1] === field.code)
                      .map((w) => (
                        <div key={w.code} className="fr-mb-3w">
                          <Alert id={`apercu-warning-${w.code}`} severity="warning" small description={w.message} className="fr-mb-2w" />
                          <Input
                            textArea
                            label="Justification"
                            hintText="Obligatoire pour soumettre le rapport : expliquez l'écart en quelques mots."
                            nativeTextAreaProps={{
                              id: `apercu-justification-${w.code}`,
                              rows: 3,
                              value: justifications[w.code] ?? "",
                              onChange: (e) => setJustifications((j) => ({ ...j, [w.code]: e.target.value })),
                              "aria-describedby": `apercu-warning-${w.code}`,
                            }}
                          />
                        </div>
                      ))}
                  </div>
                ))}
              </div>
            </fieldset>
          );
        })}
      <p role="status" className="fr-mb-2w">
        {errorCount === 0 && warnings.length === 0
          ? "Aperçu : aucune règle n'est enfreinte pour l'instant."
          : `Aperçu : ${plural(errorCount, "champ")} en erreur, ${plural(warnings.length, "avertissement")}.`}
      </p>
      {hasOutlier && (
        <p className="fr-hint-text">
          La règle des valeurs inhabituelles compare chaque chiffre aux mois précédents de l'atelier : elle ne se déclenche pas dans
          l'aperçu.
        </p>
      )}
      <ul className="fr-btns-group fr-btns-group--inline-sm">
        <li>
          <Button type="submit" priority="secondary" iconId="fr-icon-check-line">
            Vérifier comme à la soumission
          </Button>
        </li>
        <li>
          <Button type="button" priority="tertiary" iconId="fr-icon-delete-line" onClick={clear}>
            Effacer les saisies de l'aperçu
          </Button>
        </li>
      </ul>
    </form>
  );
}

function PreviewField({
  field,
  text,
  error,
  onChange,
}: {
  field: FieldDef;
  text: string;
  error: string | undefined;
  onChange: (text: string) => void;
}) {
  const id = `apercu-${field.code}`;
  const state = error ? "error" : "default";
  if (field.type === "text") {
    const max = field.maxLength ?? 2000;
    return (
      <div className="fr-mb-3w">
        <Input
          className="fr-mb-0"
          textArea
          label={field.label}
          hintText={field.help}
          state={state}
          stateRelatedMessage={error}
          nativeTextAreaProps={{
            id,
            rows: 6,
            value: text,
            onChange: (e) => onChange(e.target.value),
            "aria-required": field.required || undefined,
            "aria-invalid": error ? true : undefined,
            "aria-describedby": `${id}-count`,
          }}
        />
        <p id={`${id}-count`} className={`fr-hint-text fr-mt-1v fr-mb-0${text.length > max ? " fr-error-text" : ""}`}>
          {text.length.toLocaleString("fr-FR")} caractère{text.length > 1 ? "s" : ""} sur {max.toLocaleString("fr-FR")}
        </p>
      </div>
    );
  }
  return (
    <div className="fr-mb-3w">
      <Input
        className="fr-mb-0"
        label={field.label}
        hintText={field.help}
        state={state}
        stateRelatedMessage={error}
        nativeInputProps={{
          id,
          value: text,
          onChange: (e) => onChange(e.target.value),
          inputMode: field.type === "decimal" ? "decimal" : "numeric",
          autoComplete: "off",
          spellCheck: false,
          style: NARROW,
          "aria-required": field.required || undefined,
          "aria-invalid": error ? true : undefined,
        }}
      />
    </div>
  );
}
