import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useEffect, useRef } from "react";
import { type UpgradeOutcome, upgradedText } from "./upgradeText.ts";

export type Upgraded = UpgradeOutcome & { id: number };

/**
 * Says the move is done, what it kept and what it did not, and takes the focus when it appears
 * (render it with the move's id as key): the button that opened the modal went with the offer.
 */
export function UpgradedNotice({ upgraded }: { upgraded: Upgraded }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-4w">
      <Alert
        severity="success"
        as="h2"
        title={`Le rapport suit maintenant la version ${upgraded.version} du questionnaire`}
        description={upgradedText(upgraded)}
      />
    </div>
  );
}
