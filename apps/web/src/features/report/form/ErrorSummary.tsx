import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { type FormDefinition, formFields } from "@enquete/domain";
import { type MouseEvent, useEffect, useRef } from "react";
import type { FieldErrors } from "react-hook-form";
import type { ReportFormInput } from "./formText.ts";
import { noteId } from "./NoteField.tsx";

type Item = { target: string; text: string };

type Props = {
  form: FormDefinition;
  errors: FieldErrors<ReportFormInput>;
  /** Changes at each failed submission: the summary then takes the focus. */
  focusKey: number;
};

function summaryItems(form: FormDefinition, errors: FieldErrors<ReportFormInput>): Item[] {
  const values = (errors.values ?? {}) as Record<string, { message?: string } | undefined>;
  const notes = (errors.notes ?? {}) as Record<string, { message?: string } | undefined>;
  const justifications = (errors.justifications ?? {}) as Record<string, { message?: string } | undefined>;
  const items: Item[] = [];
  for (const f of formFields(form)) {
    const message = values[f.code]?.message;
    if (message) items.push({ target: `field-${f.code}`, text: `${f.label} : ${message}` });
    const note = notes[f.code]?.message;
    if (note) items.push({ target: noteId(f.code), text: `Note sur « ${f.label} » : ${note}` });
  }
  for (const [code, e] of Object.entries(justifications)) {
    if (e?.message) items.push({ target: `justification-${code}`, text: `Justification demandée : ${e.message}` });
  }
  return items;
}

/** Brings the field into view with its label, and puts the cursor in it. */
function goTo(event: MouseEvent<HTMLAnchorElement>, target: string) {
  const element = document.getElementById(target);
  if (!element) return;
  event.preventDefault();
  const label = document.querySelector(`label[for="${CSS.escape(target)}"]`);
  (label ?? element).scrollIntoView({ block: "start" });
  element.focus({ preventScroll: true });
}

/** DSFR's error summary: what stands in the way of the submission, each a link to its field. */
export function ErrorSummary({ form, errors, focusKey }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const items = summaryItems(form, errors);
  const rootMessage = errors.root?.message;

  // Focus follows each failed submission, once the summary shows (the errors may arrive a render later).
  const focusedKey = useRef(0);
  useEffect(() => {
    if (focusKey === focusedKey.current || !ref.current) return;
    focusedKey.current = focusKey;
    ref.current.focus();
  });

  if (items.length === 0 && !rootMessage) return null;
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-4w" id="resume-erreurs">
      <Alert
        severity="error"
        as="h2"
        title={
          items.length > 0
            ? `Le rapport ne peut pas encore être soumis : ${items.length} point${items.length > 1 ? "s" : ""} à corriger`
            : "Le rapport ne peut pas encore être soumis"
        }
        description={
          <>
            {rootMessage && <p className="fr-mb-1w">{rootMessage}</p>}
            {items.length > 0 && (
              <ul>
                {items.map((item) => (
                  <li key={item.target}>
                    <a href={`#${item.target}`} onClick={(e) => goTo(e, item.target)}>
                      {item.text}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </>
        }
      />
    </div>
  );
}
