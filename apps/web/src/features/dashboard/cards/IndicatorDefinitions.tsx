import { useId } from "react";
import { DEFINITIONS_HEADING, type DefinitionUsed, definitionLine, definitionsSummary } from "./definitionsText.ts";

type Props = { definitions: readonly DefinitionUsed[] | undefined; unit: "nombre" | "%" };

/**
 * The definitions a figure rests on, written under it: read in order by a
 * screen reader (a sentence, then a list named "Définitions employées" when
 * there are several), not left to a tooltip, and wrapping on a narrow phone.
 */
export function IndicatorDefinitions({ definitions, unit }: Props) {
  const listId = useId();
  if (!definitions || definitions.length === 0) return null;
  const several = definitions.length > 1;
  return (
    <>
      <p className={`fr-text--sm ${several ? "fr-mb-1v" : "fr-mb-0"}`}>{definitionsSummary(definitions)}</p>
      {several && (
        <>
          <p id={listId} className="fr-text--sm fr-mb-1v">
            {DEFINITIONS_HEADING} :
          </p>
          <ul aria-labelledby={listId} className="fr-text--sm fr-mb-0">
            {definitions.map((d) => (
              <li key={d.label}>{definitionLine(d, unit)}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
