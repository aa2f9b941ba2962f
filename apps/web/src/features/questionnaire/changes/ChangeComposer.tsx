import { Select } from "@codegouvfr/react-dsfr/Select";
import type { TFormChange } from "@enquete/contract";
import { useId, useRef, useState } from "react";
import { AddFieldForm } from "./AddFieldForm.tsx";
import { RelabelForm, SetBoundsForm, SetHelpForm, SetRequiredForm } from "./FieldForms.tsx";
import { MoveFieldForm, RetireFieldForm } from "./PlaceForms.tsx";
import { RemoveRuleForm, RuleForm } from "./RuleForms.tsx";
import { CHANGE_KIND_LABELS, type ChangeKind } from "./schemas.ts";
import type { ChangeFormProps } from "./useChangeForm.ts";

const KINDS = Object.keys(CHANGE_KIND_LABELS) as ChangeKind[];

function KindForm({ kind, ...props }: ChangeFormProps & { kind: ChangeKind }) {
  switch (kind) {
    case "addField":
      return <AddFieldForm {...props} />;
    case "relabel":
      return <RelabelForm {...props} />;
    case "setHelp":
      return <SetHelpForm {...props} />;
    case "setRequired":
      return <SetRequiredForm {...props} />;
    case "setBounds":
      return <SetBoundsForm {...props} />;
    case "moveField":
      return <MoveFieldForm {...props} />;
    case "retireField":
      return <RetireFieldForm {...props} />;
    case "addRule":
    case "changeRule":
      return <RuleForm key={kind} mode={kind} {...props} />;
    case "removeRule":
      return <RemoveRuleForm {...props} />;
  }
}

/**
 * One more change to the draft: its kind chosen first, then its own form.
 * A saved change starts a fresh form (on the draft as it now stands); a
 * refused one keeps what was typed.
 */
export function ChangeComposer({ onSave, ...props }: ChangeFormProps) {
  const headingId = useId();
  const [kind, setKind] = useState<ChangeKind>("addField");
  const [saved, setSaved] = useState(0);
  const kindRef = useRef<HTMLSelectElement>(null);
  const save = async (change: TFormChange) => {
    await onSave(change);
    setSaved((n) => n + 1);
    // The form just sent is replaced by a fresh one: the keyboard starts again from the kind of the next change.
    kindRef.current?.focus();
  };
  return (
    <section aria-labelledby={headingId} className="fr-mt-6w">
      <h2 id={headingId} className="fr-h4">
        Ajouter une modification
      </h2>
      <p>Chaque modification est enregistrée dans le brouillon dès que vous la validez ; l'aperçu se met à jour aussitôt.</p>
      <Select
        label="Type de modification"
        nativeSelectProps={{
          ref: kindRef,
          value: kind,
          onChange: (e) => setKind(e.target.value as ChangeKind),
          style: { maxWidth: "28rem" },
        }}
      >
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {CHANGE_KIND_LABELS[k]}
          </option>
        ))}
      </Select>
      <div className="fr-p-2w fr-p-md-3w fr-mb-3w" style={{ border: "1px solid var(--border-default-grey)" }}>
        <h3 className="fr-h6">{CHANGE_KIND_LABELS[kind]}</h3>
        <KindForm key={`${kind}-${saved}`} kind={kind} onSave={save} {...props} />
      </div>
    </section>
  );
}
