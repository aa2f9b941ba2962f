import { Button } from "@codegouvfr/react-dsfr/Button";
import { type ReactNode, useEffect, useRef } from "react";

/**
 * The outcome of a change, in a DSFR success alert that takes the focus when
 * it appears: the modal that asked for the confirmation has closed, and the
 * keyboard and screen reader go on from what happened.
 */
export function Notice({ children, onClose }: { children: ReactNode; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} role="status" className="fr-alert fr-alert--success fr-alert--sm fr-mb-3w">
      <p>
        {children}{" "}
        <Button priority="tertiary no outline" size="small" onClick={onClose}>
          Masquer ce message
        </Button>
      </p>
    </div>
  );
}
