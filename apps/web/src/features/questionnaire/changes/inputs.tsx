/** The pieces every change form shares: pickers of the draft's fields, sections and rules, a group of field checkboxes, the refusal. */
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { FieldDef, FormDefinition, SectionDef } from "@enquete/domain";
import { type ComponentProps, useEffect, useRef } from "react";
import type { Refusal } from "./refusal.ts";
import { FIRST } from "./schemas.ts";

type SelectProps = ComponentProps<"select">;

const state = (error: string | undefined) => (error ? ("error" as const) : ("default" as const));

/** An input with an error says so to assistive technologies too (as the report's inputs do), not by its colour alone. */
export const invalid = (error: string | undefined) => (error ? true : undefined);

/** "Journées stagiaires dans les murs (traineeDaysOnSite)": people read the label, the code tells two alike apart. */
export const fieldOption = (f: FieldDef) => `${f.label} (${f.code})`;

/** A field of the draft as it stands, grouped by section. */
export function FieldSelect({
  label,
  hint,
  form,
  only = () => true,
  error,
  selectProps,
}: {
  label: string;
  hint?: string;
  form: FormDefinition;
  only?: (f: FieldDef) => boolean;
  error?: string;
  selectProps: SelectProps;
}) {
  return (
    <Select
      label={label}
      hint={hint}
      state={state(error)}
      stateRelatedMessage={error}
      nativeSelectProps={{ ...selectProps, "aria-invalid": invalid(error) }}
    >
      <option value="">Choisissez un champ</option>
      {form.sections.map((s) => {
        const fields = s.fields.filter(only);
        if (fields.length === 0) return null;
        return (
          <optgroup key={s.code} label={s.title}>
            {fields.map((f) => (
              <option key={f.code} value={f.code}>
                {fieldOption(f)}
              </option>
            ))}
          </optgroup>
        );
      })}
    </Select>
  );
}

export function SectionSelect({
  label = "Section",
  form,
  error,
  selectProps,
}: {
  label?: string;
  form: FormDefinition;
  error?: string;
  selectProps: SelectProps;
}) {
  return (
    <Select
      label={label}
      state={state(error)}
      stateRelatedMessage={error}
      nativeSelectProps={{ ...selectProps, "aria-invalid": invalid(error) }}
    >
      {form.sections.map((s) => (
        <option key={s.code} value={s.code}>
          {s.title}
        </option>
      ))}
    </Select>
  );
}

/** Where in the section: at its head, or after one of its fields (the field being moved is not a place). */
export function AfterSelect({
  section,
  exclude,
  error,
  selectProps,
}: {
  section: SectionDef | undefined;
  exclude?: string;
  error?: string;
  selectProps: SelectProps;
}) {
  return (
    <Select
      label="Position"
      state={state(error)}
      stateRelatedMessage={error}
      nativeSelectProps={{ ...selectProps, "aria-invalid": invalid(error) }}
    >
      <option value={FIRST}>En tête de la section</option>
      {(section?.fields ?? [])
        .filter((f) => f.code !== exclude)
        .map((f) => (
          <option key={f.code} value={f.code}>
            Après {fieldOption(f)}
          </option>
        ))}
    </Select>
  );
}

/** The last field of a section (a new field goes last unless told otherwise), or the head of an empty one. */
export function lastOf(section: SectionDef | undefined, exclude?: string): string {
  const fields = (section?.fields ?? []).filter((f) => f.code !== exclude);
  return fields[fields.length - 1]?.code ?? FIRST;
}

/** Several fields of the draft, as checkboxes in one fieldset (a rule's fields, its ceiling, its parts…). */
export function CodesFieldset({
  legend,
  hint,
  fields,
  value,
  onChange,
  error,
}: {
  legend: string;
  hint?: string;
  fields: FieldDef[];
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string;
}) {
  const toggle = (code: string, on: boolean) =>
    // Kept in the questionnaire's order, whatever the order of the clicks.
    onChange(fields.map((f) => f.code).filter((c) => (c === code ? on : value.includes(c))));
  return (
    <Checkbox
      small
      legend={legend}
      hintText={hint}
      state={state(error)}
      stateRelatedMessage={error}
      options={fields.map((f) => ({
        label: fieldOption(f),
        nativeInputProps: {
          checked: value.includes(f.code),
          onChange: (e) => toggle(f.code, e.target.checked),
          value: f.code,
          "aria-invalid": invalid(error),
        },
      }))}
    />
  );
}

/** What the server refused, above the form, focused so that it is read first; the form keeps everything typed. */
export function RefusalAlert({ refusal }: { refusal: Refusal | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusal) ref.current?.focus();
  }, [refusal]);
  if (!refusal) return null;
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-3w">
      <Alert
        severity="error"
        small
        description={
          <>
            <span>La modification n'est pas enregistrée :</span>
            <ul className="fr-mb-0">
              {refusal.messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </>
        }
      />
    </div>
  );
}

export function SaveButton({ pending, label = "Enregistrer la modification" }: { pending: boolean; label?: string }) {
  return (
    <div className="fr-mt-3w">
      <Button type="submit" iconId="fr-icon-save-line" disabled={pending}>
        {pending ? "Enregistrement…" : label}
      </Button>
    </div>
  );
}
