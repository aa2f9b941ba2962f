/** Changes of one field as it stands in the draft: its label, its help, whether it is required, its bounds. */
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { type FieldDef, type FormDefinition, formFields } from "@enquete/domain";
import { FieldSelect, invalid, RefusalAlert, SaveButton } from "./inputs.tsx";
import {
  type RelabelInput,
  relabelSchema,
  type SetBoundsInput,
  type SetHelpInput,
  type SetRequiredInput,
  setBoundsSchema,
  setHelpSchema,
  setRequiredSchema,
} from "./schemas.ts";
import { type ChangeFormProps, errorAt, useChangeForm } from "./useChangeForm.ts";

const NARROW = { maxWidth: "14rem" };
const fieldOf = (form: FormDefinition, code: string): FieldDef | undefined => formFields(form).find((f) => f.code === code);
const stateOf = (message: string | undefined) => (message ? ("error" as const) : ("default" as const));
const numberText = (n: number | undefined) => (n === undefined ? "" : String(n).replace(".", ","));

export function RelabelForm({ form, index, onSave }: ChangeFormProps) {
  const { methods, submit, refusal, pending } = useChangeForm<RelabelInput>(relabelSchema, { field: "", label: "" }, { index, onSave });
  const { register, setValue, watch, formState } = methods;
  const err = (path: string) => errorAt(formState.errors, path);
  const current = fieldOf(form, watch("field"));
  return (
    <form noValidate onSubmit={submit} aria-label="Changer le libellé d'un champ">
      <RefusalAlert refusal={refusal} />
      <FieldSelect
        label="Champ"
        form={form}
        error={err("field")}
        // The current label, to edit rather than retype.
        selectProps={register("field", { onChange: (e) => setValue("label", fieldOf(form, e.target.value)?.label ?? "") })}
      />
      <Input
        label="Nouveau libellé"
        hintText={current ? `Actuellement : « ${current.label} ». Le code ${current.code} ne change pas.` : undefined}
        state={stateOf(err("label"))}
        stateRelatedMessage={err("label")}
        nativeInputProps={{ ...register("label"), autoComplete: "off", "aria-invalid": invalid(err("label")) }}
      />
      <SaveButton pending={pending} />
    </form>
  );
}

export function SetHelpForm({ form, index, onSave }: ChangeFormProps) {
  const { methods, submit, refusal, pending } = useChangeForm<SetHelpInput>(setHelpSchema, { field: "", help: "" }, { index, onSave });
  const { register, setValue, formState } = methods;
  const err = (path: string) => errorAt(formState.errors, path);
  return (
    <form noValidate onSubmit={submit} aria-label="Changer l'aide d'un champ">
      <RefusalAlert refusal={refusal} />
      <FieldSelect
        label="Champ"
        form={form}
        error={err("field")}
        selectProps={register("field", { onChange: (e) => setValue("help", fieldOf(form, e.target.value)?.help ?? "") })}
      />
      <Input
        textArea
        label="Aide"
        hintText="Affichée sous la question. Laissez vide pour retirer l'aide du champ."
        state={stateOf(err("help"))}
        stateRelatedMessage={err("help")}
        nativeTextAreaProps={{ ...register("help"), rows: 4, "aria-invalid": invalid(err("help")) }}
      />
      <SaveButton pending={pending} />
    </form>
  );
}

export function SetRequiredForm({ form, index, onSave }: ChangeFormProps) {
  const { methods, submit, refusal, pending } = useChangeForm<SetRequiredInput>(
    setRequiredSchema,
    { field: "", required: "yes" },
    { index, onSave },
  );
  const { register, setValue, watch, formState } = methods;
  const err = (path: string) => errorAt(formState.errors, path);
  const current = fieldOf(form, watch("field"));
  return (
    <form noValidate onSubmit={submit} aria-label="Rendre un champ obligatoire ou facultatif">
      <RefusalAlert refusal={refusal} />
      <FieldSelect
        label="Champ"
        form={form}
        error={err("field")}
        // The other answer than today's: the change is the point.
        selectProps={register("field", {
          onChange: (e) => setValue("required", fieldOf(form, e.target.value)?.required ? "no" : "yes"),
        })}
      />
      <RadioButtons
        legend="Dans cette version, le champ est"
        hintText={current ? `Actuellement : ${current.required ? "obligatoire" : "facultatif"}.` : undefined}
        state={stateOf(err("required"))}
        stateRelatedMessage={err("required")}
        options={[
          {
            label: "Obligatoire",
            hintText: "Un rapport ne peut pas être soumis sans lui.",
            nativeInputProps: { ...register("required"), value: "yes", "aria-invalid": invalid(err("required")) },
          },
          { label: "Facultatif", nativeInputProps: { ...register("required"), value: "no", "aria-invalid": invalid(err("required")) } },
        ]}
      />
      <SaveButton pending={pending} />
    </form>
  );
}

export function SetBoundsForm({ form, index, onSave }: ChangeFormProps) {
  const { methods, submit, refusal, pending } = useChangeForm<SetBoundsInput>(
    setBoundsSchema,
    { field: "", min: "", max: "" },
    { index, onSave },
  );
  const { register, setValue, formState } = methods;
  const err = (path: string) => errorAt(formState.errors, path);
  const pick = (code: string) => {
    const f = fieldOf(form, code);
    setValue("min", numberText(f?.min));
    setValue("max", numberText(f?.max));
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Changer les bornes d'un champ">
      <RefusalAlert refusal={refusal} />
      <FieldSelect
        label="Champ"
        hint="Seuls les champs chiffrés ont des bornes."
        form={form}
        only={(f) => f.type !== "text"}
        error={err("field")}
        selectProps={register("field", { onChange: (e) => pick(e.target.value) })}
      />
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <div className="fr-col-12 fr-col-sm-6">
          <Input
            label="Valeur minimale"
            hintText="Vide : 0."
            state={stateOf(err("min"))}
            stateRelatedMessage={err("min")}
            nativeInputProps={{
              ...register("min"),
              inputMode: "decimal",
              autoComplete: "off",
              style: NARROW,
              "aria-invalid": invalid(err("min")),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-sm-6">
          <Input
            label="Valeur maximale"
            hintText="Vide : pas de plafond propre au champ."
            state={stateOf(err("max"))}
            stateRelatedMessage={err("max")}
            nativeInputProps={{
              ...register("max"),
              inputMode: "decimal",
              autoComplete: "off",
              style: NARROW,
              "aria-invalid": invalid(err("max")),
            }}
          />
        </div>
      </div>
      <SaveButton pending={pending} />
    </form>
  );
}
