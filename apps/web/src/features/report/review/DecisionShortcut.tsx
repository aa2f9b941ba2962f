import { DECISION_ID } from "./ReviewPanel.tsx";
import type { ReviewAction } from "./reviewRights.ts";

/** Tells a reviewer what they may decide, with a way straight to the buttons, below the figures. */
export function DecisionShortcut({ actions }: { actions: readonly ReviewAction[] }) {
  const text = actions.includes("validate")
    ? "Ce rapport attend votre décision : relisez-le, puis validez-le ou renvoyez-le à l'atelier en bas de page."
    : "Ce rapport est validé : vous pouvez le rouvrir en bas de page si l'atelier doit le corriger.";
  return (
    <p className="fr-mb-3w">
      {text}{" "}
      <a className="fr-link fr-icon-arrow-down-line fr-link--icon-right" href={`#${DECISION_ID}`}>
        Aller à la décision
      </a>
    </p>
  );
}
