import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { type FormDefinition, formatFrenchNumber, parseFrenchNumber } from "@enquete/domain";
import type { LeftOut } from "../save/restore.ts";

type Props = { form: FormDefinition; restored: boolean; leftOut: LeftOut[]; onClose: () => void };

const RESTORED = "Des saisies faites sur cet appareil et non encore enregistrées ont été restaurées.";

function typed(item: LeftOut): string {
  const n = item.note ? undefined : parseFrenchNumber(item.text);
  return n === undefined ? `« ${item.text.trim()} »` : formatFrenchNumber(n);
}

/**
 * What came back from this device. A copy typed in another questionnaire
 * version may hold entries the report's version has no field for: they are
 * named here with what was typed, so that nothing disappears unsaid.
 */
export function RestoredNotice({ form, restored, leftOut, onClose }: Props) {
  return (
    <Alert
      className="fr-mb-3w"
      severity="info"
      small
      closable
      onClose={onClose}
      description={
        <>
          {restored && <span style={{ display: "block" }}>{RESTORED}</span>}
          {leftOut.length > 0 && (
            <>
              <span style={{ display: "block" }}>
                Ces saisies, faites sur cet appareil dans une autre version du questionnaire, n'ont pas de champ dans la version{" "}
                {form.version} et n'ont pas été reprises :
              </span>
              <span style={{ display: "block" }}>
                {leftOut.map((item) => `${item.note ? `note sur ${item.code}` : item.code} : ${typed(item)}`).join(" ; ")}
              </span>
            </>
          )}
        </>
      }
    />
  );
}
