import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { AfterSelect, invalid, lastOf, RefusalAlert, SaveButton, SectionSelect } from "./inputs.tsx";
import { type AddFieldInput, addFieldSchema } from "./schemas.ts";
import { type ChangeFormProps, errorAt, useChangeForm } from "./useChangeForm.ts";

const NARROW = { maxWidth: "14rem" };

/** A new question in a section: its code (never used before), label, help, type and nature, whether it is required, its bounds. */
export function AddFieldForm({ form, index, onSave }: ChangeFormProps) {
  const first = form.sections[0];
  const { methods, submit, refusal, pending } = useChangeForm<AddFieldInput>(
    addFieldSchema,
    {
      section: first?.code ?? "",
      after: lastOf(first),
      field: { code: "", label: "", help: "", type: "integer", kind: "flow", required: true, min: "", max: "" },
    },
    { index, onSave },
  );
  const { register, watch, setValue, formState } = methods;
  const err = (path: string) => errorAt(formState.errors, path);
  const section = form.sections.find((s) => s.code === watch("section"));
  const type = watch("field.type");
  const numeric = type !== "text";
  const state = (path: string) => (err(path) ? ("error" as const) : ("default" as const));

  return (
    <form noValidate onSubmit={submit} aria-label="Ajouter un champ">
      <RefusalAlert refusal={refusal} />
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <div className="fr-col-12 fr-col-md-6">
          <SectionSelect
            form={form}
            error={err("section")}
            selectProps={{
              // Controlled: the positions offered change with the section, and the value must be one of them.
              value: watch("section"),
              ...register("section", {
                // A new field goes last of the section chosen, unless told otherwise.
                onChange: (e) => setValue("after", lastOf(form.sections.find((s) => s.code === e.target.value))),
              }),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <AfterSelect section={section} error={err("after")} selectProps={{ ...register("after"), value: watch("after") }} />
        </div>
      </div>
      <Input
        label="Code"
        hintText="L'identifiant stable du champ dans les exports et les formules : une lettre puis des lettres ou des chiffres, sans espace ni accent (par exemple trainingDays). Un code qui a déjà servi, même pour un champ retiré, ne peut pas être repris."
        state={state("field.code")}
        stateRelatedMessage={err("field.code")}
        nativeInputProps={{
          ...register("field.code"),
          autoComplete: "off",
          spellCheck: false,
          style: { maxWidth: "24rem" },
          "aria-invalid": invalid(err("field.code")),
        }}
      />
      <Input
        label="Libellé"
        hintText="La question telle que les directions d'atelier la liront."
        state={state("field.label")}
        stateRelatedMessage={err("field.label")}
        nativeInputProps={{ ...register("field.label"), autoComplete: "off", "aria-invalid": invalid(err("field.label")) }}
      />
      <Input
        textArea
        label="Aide (facultatif)"
        hintText="Affichée sous la question : une définition, un exemple."
        state={state("field.help")}
        stateRelatedMessage={err("field.help")}
        nativeTextAreaProps={{ ...register("field.help"), rows: 3, "aria-invalid": invalid(err("field.help")) }}
      />
      <RadioButtons
        legend="Type de réponse"
        state={state("field.type")}
        stateRelatedMessage={err("field.type")}
        options={[
          {
            label: "Nombre entier",
            nativeInputProps: { ...register("field.type"), value: "integer", "aria-invalid": invalid(err("field.type")) },
          },
          {
            label: "Nombre décimal",
            hintText: "Deux décimales au plus, par exemple 12,5.",
            nativeInputProps: { ...register("field.type"), value: "decimal", "aria-invalid": invalid(err("field.type")) },
          },
          {
            label: "Texte",
            hintText: "Un commentaire libre, jamais additionné.",
            nativeInputProps: { ...register("field.type"), value: "text", "aria-invalid": invalid(err("field.type")) },
          },
        ]}
      />
      {numeric && (
        <RadioButtons
          legend="Nature du chiffre"
          hintText="Elle décide de l'addition dans les indicateurs."
          state={state("field.kind")}
          stateRelatedMessage={err("field.kind")}
          options={[
            {
              label: "Flux du mois",
              hintText: "Ce qui s'est passé dans le mois : additionné d'un mois à l'autre.",
              nativeInputProps: { ...register("field.kind"), value: "flow", "aria-invalid": invalid(err("field.kind")) },
            },
            {
              label: "Effectif au dernier jour du mois",
              hintText: "Un état : sur une période, le dernier mois compte.",
              nativeInputProps: { ...register("field.kind"), value: "snapshot", "aria-invalid": invalid(err("field.kind")) },
            },
          ]}
        />
      )}
      <Checkbox
        options={[
          {
            label: "Champ obligatoire",
            hintText: "Un rapport ne peut pas être soumis sans lui (0 s'il n'y a rien à déclarer).",
            nativeInputProps: register("field.required"),
          },
        ]}
      />
      {numeric && (
        <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
          <div className="fr-col-12 fr-col-sm-6">
            <Input
              label="Valeur minimale (facultatif)"
              hintText="Vide : 0."
              state={state("field.min")}
              stateRelatedMessage={err("field.min")}
              nativeInputProps={{
                ...register("field.min"),
                inputMode: "decimal",
                autoComplete: "off",
                style: NARROW,
                "aria-invalid": invalid(err("field.min")),
              }}
            />
          </div>
          <div className="fr-col-12 fr-col-sm-6">
            <Input
              label="Valeur maximale (facultatif)"
              hintText="Vide : pas de plafond propre au champ."
              state={state("field.max")}
              stateRelatedMessage={err("field.max")}
              nativeInputProps={{
                ...register("field.max"),
                inputMode: "decimal",
                autoComplete: "off",
                style: NARROW,
                "aria-invalid": invalid(err("field.max")),
              }}
            />
          </div>
        </div>
      )}
      <SaveButton pending={pending} label="Ajouter ce champ" />
    </form>
  );
}
