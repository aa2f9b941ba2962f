/** Where a field stands: moved within or between sections, or retired from the version. */
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { findField } from "@enquete/domain";
import { AfterSelect, FieldSelect, lastOf, RefusalAlert, SaveButton, SectionSelect } from "./inputs.tsx";
import { FIRST, type MoveFieldInput, moveFieldSchema, type RetireFieldInput, retireFieldSchema } from "./schemas.ts";
import { type ChangeFormProps, errorAt, useChangeForm } from "./useChangeForm.ts";

export function MoveFieldForm({ form, index, onSave }: ChangeFormProps) {
  const first = form.sections[0];
  const { methods, submit, refusal, pending } = useChangeForm<MoveFieldInput>(
    moveFieldSchema,
    { field: "", section: first?.code ?? "", after: lastOf(first) },
    { index, onSave },
  );
  const { register, setValue, watch, formState } = methods;
  const err = (path: string) => errorAt(formState.errors, path);
  const moving = watch("field");
  const section = form.sections.find((s) => s.code === watch("section"));
  const pick = (code: string) => {
    // Starts from where the field is now: its section, after the field before it.
    const place = findField(form, code);
    if (!place) return;
    setValue("section", place.section.code);
    setValue("after", place.position === 0 ? FIRST : (place.section.fields[place.position - 1]?.code ?? FIRST));
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Déplacer un champ">
      <RefusalAlert refusal={refusal} />
      <FieldSelect
        label="Champ à déplacer"
        form={form}
        error={err("field")}
        selectProps={register("field", { onChange: (e) => pick(e.target.value) })}
      />
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <div className="fr-col-12 fr-col-md-6">
          <SectionSelect
            label="Section d'arrivée"
            form={form}
            error={err("section")}
            selectProps={{
              // Controlled: the positions offered change with the section, and the value must be one of them.
              value: watch("section"),
              ...register("section", {
                onChange: (e) =>
                  setValue(
                    "after",
                    lastOf(
                      form.sections.find((s) => s.code === e.target.value),
                      moving,
                    ),
                  ),
              }),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <AfterSelect
            section={section}
            exclude={moving}
            error={err("after")}
            selectProps={{ ...register("after"), value: watch("after") }}
          />
        </div>
      </div>
      <SaveButton pending={pending} />
    </form>
  );
}

export function RetireFieldForm({ form, index, onSave }: ChangeFormProps) {
  const { methods, submit, refusal, pending } = useChangeForm<RetireFieldInput>(retireFieldSchema, { field: "" }, { index, onSave });
  const { register, formState } = methods;
  return (
    <form noValidate onSubmit={submit} aria-label="Retirer un champ">
      <RefusalAlert refusal={refusal} />
      <Alert
        small
        severity="info"
        className="fr-mb-3w"
        description="Le champ n'est plus demandé à partir de cette version. Il reste lisible, exporté et compté dans les rapports des versions qui l'avaient ; son code ne pourra jamais servir à autre chose. Une règle qui l'utilise doit être supprimée avant."
      />
      <FieldSelect label="Champ à retirer" form={form} error={errorAt(formState.errors, "field")} selectProps={register("field")} />
      <SaveButton pending={pending} label="Retirer ce champ" />
    </form>
  );
}
