import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useEffect, useRef } from "react";

export type Upgraded = { id: number; version: number; added: string[] };

/**
 * Says the move is done, and takes the focus when it appears (render it with
 * the move's id as key): the button that opened the modal went with the offer.
 */
export function UpgradedNotice({ upgraded }: { upgraded: Upgraded }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const added = upgraded.added.length;
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-4w">
      <Alert
        severity="success"
        as="h2"
        title={`Le rapport suit maintenant la version ${upgraded.version} du questionnaire`}
        description={
          added > 0
            ? `Vos valeurs ont été conservées. ${added > 1 ? `Les ${added} nouveaux champs sont à remplir` : "Le nouveau champ est à remplir"} : ${upgraded.added.join(", ")}.`
            : "Vos valeurs ont été conservées."
        }
      />
    </div>
  );
}
