import { type RefObject, useEffect } from "react";

/**
 * A DSFR modal opened from code (after the form is checked) gives the focus
 * back to a hidden control button when it closes, that is to nobody: the
 * focus goes back to the button that asked, unless something else took it
 * meanwhile (the notice of what was done).
 */
export function useReturnFocus(modalId: string, trigger: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const dialog = document.getElementById(modalId);
    if (!dialog) return;
    const restore = () =>
      window.setTimeout(() => {
        const active = document.activeElement;
        const lost = !active || active === document.body || active.id === `${modalId}-hidden-control-button` || dialog.contains(active);
        if (lost) trigger.current?.focus();
      }, 0);
    dialog.addEventListener("dsfr.conceal", restore);
    return () => dialog.removeEventListener("dsfr.conceal", restore);
  }, [modalId, trigger]);
}
