import type { TConversationEntry } from "@enquete/contract";
import { useId } from "react";
import { formatDateTime } from "../../../shared/format.ts";
import { remarkTitle } from "./remarkText.ts";

type Props = {
  /** The report's `conversation`, oldest first. */
  conversation: readonly TConversationEntry[];
  /** The level of the block's heading where it is placed (its entries are list items under it). */
  headingLevel?: 2 | 3 | 4;
  title?: string;
  className?: string;
};

/**
 * The dialogue on a report, in order: each return comment, reopening reason,
 * reply of the atelier and justification, with who wrote it and when. An
 * ordered list under one heading, each entry named by what it is, so that a
 * screen reader reads the exchange as it happened. Nothing when there is none.
 */
export function Conversation({ conversation, headingLevel = 3, title = "Échanges sur ce rapport", className }: Props) {
  const id = useId();
  if (conversation.length === 0) return null;
  const Heading = `h${headingLevel}` as const;
  return (
    <section aria-labelledby={id} className={className ?? "fr-mb-3w"}>
      <Heading id={id} className="fr-h6 fr-mb-1w">
        {title}
      </Heading>
      <p className="fr-text--sm fr-mb-1w">Du plus ancien au plus récent.</p>
      <ol className="fr-mb-0">
        {conversation.map((entry) => (
          // One event says each kind once, except its justifications, each of its own warning.
          <li key={`${entry.at}|${entry.kind}|${entry.field ?? ""}`} className="fr-mb-2w">
            <p className="fr-mb-0">
              <strong>{remarkTitle(entry)}</strong>
            </p>
            <p className="fr-text--xs fr-mb-1v">
              {entry.actor}, le {formatDateTime(entry.at)}
            </p>
            <p className="fr-mb-0" style={{ whiteSpace: "pre-line", overflowWrap: "anywhere" }}>
              {entry.text}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
