import { Button } from "@codegouvfr/react-dsfr/Button";
import type { TFormChange } from "@enquete/contract";

type Props = {
  changes: readonly TFormChange[];
  /** Each change in French, in the list's order. */
  descriptions: readonly string[];
  /** A draft's changes can be taken back one by one; a published version's cannot. */
  onRemove?: (index: number) => void;
  disabled?: boolean;
};

/** A version's changes to the one it is based on, in the order they apply. */
export function ChangeList({ changes, descriptions, onRemove, disabled }: Props) {
  if (changes.length === 0) return <p>Aucune modification pour l'instant : le questionnaire est celui de la version de départ.</p>;
  return (
    <ol>
      {changes.map((change, i) => (
        // A change has no identity of its own: its position is what the server names too.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <li key={`${i}-${change.kind}`} className="fr-mb-2w">
          <span>{descriptions[i] ?? change.kind}</span>
          {onRemove && (
            <>
              {" "}
              <Button
                type="button"
                priority="tertiary no outline"
                size="small"
                iconId="fr-icon-delete-line"
                disabled={disabled}
                onClick={() => onRemove(i)}
              >
                Retirer<span className="fr-sr-only"> la modification {i + 1}</span>
              </Button>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}
