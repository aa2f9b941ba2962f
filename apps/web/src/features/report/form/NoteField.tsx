import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { type FieldDef, NOTE_MAX } from "@enquete/domain";
import { useEffect, useRef, useState } from "react";
import { type Control, useController } from "react-hook-form";
import type { ReportFormInput, ReportFormOutput } from "./formText.ts";

type Props = {
  field: FieldDef;
  control: Control<ReportFormInput, unknown, ReportFormOutput>;
  error: string | undefined;
  onBlur?: (() => void) | undefined;
};

export const NOTE_HINT = `Facultatif, ${NOTE_MAX} caractères au plus, par exemple « dont 40 journées pour le plan académique numérique »`;

/** The ids a note's textarea and buttons take: the error summary and the tests find them by field code. */
export const noteId = (code: string) => `note-${code}`;

/**
 * A short note on a figure ("dont 40 journées pour le plan académique
 * numérique"), saved with the autosave like the values. Closed, it is one
 * small button; a note already written is shown open. Focus goes into the
 * textarea when it opens and back to the button when the note is removed.
 */
export function NoteField({ field, control, error, onBlur }: Props) {
  const { field: note } = useController({ control, name: `notes.${field.code}`, defaultValue: "" });
  const text = note.value ?? "";
  const [opened, setOpened] = useState(false);
  const shown = opened || text !== "";
  const addRef = useRef<HTMLButtonElement>(null);
  const areaRef = useRef<HTMLTextAreaElement | null>(null);
  // Where the focus goes after the next render: into the opened textarea, or back to "Ajouter une note".
  const focusNext = useRef<"area" | "add" | null>(null);

  useEffect(() => {
    if (focusNext.current === "area") areaRef.current?.focus();
    if (focusNext.current === "add") addRef.current?.focus();
    focusNext.current = null;
  });

  const id = noteId(field.code);
  const countId = `${id}-count`;
  const length = text.trim().length;

  if (!shown) {
    return (
      <Button
        ref={addRef}
        className="fr-mt-1w"
        priority="tertiary no outline"
        size="small"
        iconId="fr-icon-add-line"
        onClick={() => {
          focusNext.current = "area";
          setOpened(true);
        }}
      >
        Ajouter une note<span className="fr-sr-only"> à « {field.label} »</span>
      </Button>
    );
  }

  return (
    <div className="fr-mt-2w fr-pl-2w" style={{ borderLeft: "2px solid var(--border-default-grey)" }}>
      <Input
        className="fr-mb-1v"
        textArea
        label={`Note sur « ${field.label} »`}
        hintText={NOTE_HINT}
        state={error ? "error" : "default"}
        stateRelatedMessage={error}
        nativeTextAreaProps={{
          id,
          name: note.name,
          ref: (el) => {
            note.ref(el);
            areaRef.current = el;
          },
          value: text,
          rows: 2,
          onChange: (e) => note.onChange(e.target.value),
          onBlur: () => {
            note.onBlur();
            onBlur?.();
          },
          "aria-invalid": error ? true : undefined,
          "aria-describedby": countId,
        }}
      />
      <p id={countId} className={`fr-hint-text fr-mb-1v${length > NOTE_MAX ? " fr-error-text" : ""}`}>
        {length.toLocaleString("fr-FR")} caractère{length > 1 ? "s" : ""} sur {NOTE_MAX.toLocaleString("fr-FR")}
      </p>
      <Button
        priority="tertiary no outline"
        size="small"
        iconId="fr-icon-delete-line"
        onClick={() => {
          note.onChange("");
          focusNext.current = "add";
          setOpened(false);
        }}
      >
        Supprimer la note<span className="fr-sr-only"> sur « {field.label} »</span>
      </Button>
    </div>
  );
}
