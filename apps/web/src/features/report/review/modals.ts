import { createModal } from "@codegouvfr/react-dsfr/Modal";

// One report per page: each decision has its modal, mounted while the person may review the report.
export const validateModal = createModal({ id: "valider-rapport", isOpenedByDefault: false });
export const returnModal = createModal({ id: "renvoyer-rapport", isOpenedByDefault: false });
export const reopenModal = createModal({ id: "rouvrir-rapport", isOpenedByDefault: false });

export type DecisionModal = typeof validateModal;

/**
 * Closes a modal and gives the focus back to the button that opened it, as
 * DSFR does on its own close button (its programmatic close leaves the focus
 * where it was, inside the hidden modal).
 */
export function closeToOpener(modal: DecisionModal): void {
  modal.close();
  document.getElementById(modal.buttonProps.id)?.focus();
}
