import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useEffect, useRef } from "react";

/**
 * The report moved to another questionnaire version elsewhere (another tab,
 * another device) while this form was open, or, not saved yet, a version
 * was published for its month: its fields are not the report's any more, so
 * nothing is compared or sent from here. What was typed is on this device;
 * the page opened again puts back what fits in the new version, and compares.
 * `created`: the report existed (a move), rather than not saved yet (a publication).
 */
export function MovedMeanwhile({ version, created }: { version: number; created: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} className="fr-mb-4w">
      <Alert
        severity="warning"
        as="h2"
        title={`Ce rapport est passé à la version ${version} du questionnaire entre-temps`}
        description={
          <>
            <p className="fr-mb-2w">
              {created
                ? "Le changement de version a été fait ailleurs (dans un autre onglet ou sur un autre appareil)."
                : `La version ${version} a été publiée pour ce mois pendant que cette page était ouverte, avant le premier enregistrement du rapport.`}{" "}
              Rien n'est enregistré depuis cette page. Vos saisies sont conservées sur cet appareil : rechargez la page pour les retrouver
              dans la nouvelle version et choisir, champ par champ, ce que vous gardez.
            </p>
            <Button priority="primary" size="small" iconId="fr-icon-refresh-line" onClick={() => window.location.reload()}>
              Recharger la page
            </Button>
          </>
        }
      />
    </div>
  );
}
