import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { TAtelierHistory, TTerritory } from "@enquete/contract";
import { formatPeriod } from "@enquete/domain";
import { type FormEvent, useId, useRef, useState } from "react";
import { errorMessage } from "../../api/ApiError.ts";
import { referentialApi } from "../../api/referential.ts";
import { plural } from "../../shared/format.ts";
import { MonthField } from "./MonthField.tsx";
import { monthBefore, monthText, ofMonthText, thisMonth } from "./months.ts";
import { Notice } from "./Notice.tsx";
import { useAction } from "./useAction.ts";
import { useReturnFocus } from "./useReturnFocus.ts";

const moveModal = createModal({ id: "rattacher-atelier", isOpenedByDefault: false });

type Props = { history: TAtelierHistory; territories: readonly TTerritory[]; onChanged: (history: TAtelierHistory) => void };

/** The territory the atelier belonged to in a month, by its dated memberships. */
function territoryIn(history: TAtelierHistory, period: string): string | null {
  const t = history.territories.find((m) => m.from <= period && (m.to === null || period <= m.to));
  return t?.territoryName ?? null;
}

/**
 * "Rattacher à une autre direction territoriale à partir d'un mois": the
 * confirmation says which reports follow; the answer says how many did.
 */
export function MoveAtelierForm({ history, territories, onChanged }: Props) {
  const headingId = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  useReturnFocus(moveModal.id, trigger);
  const [territoryCode, setTerritoryCode] = useState("");
  const [from, setFrom] = useState(formatPeriod(thisMonth()));
  const [missing, setMissing] = useState<string | null>(null);
  const [moved, setMoved] = useState<{ to: string; from: string; count: number } | null>(null);
  const action = useAction(referentialApi.moveAtelier);
  const target = territories.find((t) => t.code === territoryCode);
  const before = territoryIn(history, from);
  const earlier = territoryIn(history, monthBefore(from));
  const general = action.generalError(["territoryCode", "from"]);

  const ask = (e: FormEvent) => {
    e.preventDefault();
    setMoved(null);
    action.reset();
    if (!target) {
      setMissing("Choisissez la direction territoriale à laquelle rattacher l'atelier.");
      return;
    }
    setMissing(null);
    moveModal.open();
  };

  const confirm = async () => {
    if (!target) return;
    const outcome = await action.submit(history.code, { territoryCode: target.code, from });
    if (outcome.ok) {
      moveModal.close();
      setMoved({ to: target.name, from, count: outcome.result.movedReports });
      onChanged(outcome.result.history);
    } else if ("territoryCode" in outcome.fields || "from" in outcome.fields) {
      // A refused field is told beside it, in the form under the modal.
      moveModal.close();
    }
  };

  const fieldError = (name: string) => (action.state.status === "failed" ? action.fields[name] : undefined);

  return (
    <section aria-labelledby={headingId} className="fr-mt-4w">
      <h3 id={headingId} className="fr-h5">
        Rattacher à une autre direction territoriale
      </h3>
      {moved && (
        <Notice onClose={() => setMoved(null)}>
          L'atelier est rattaché à {moved.to} à partir {ofMonthText(moved.from)} :{" "}
          {moved.count === 0
            ? "aucun rapport n'a eu à le suivre."
            : `${plural(moved.count, "rapport")} ${moved.count > 1 ? "l'ont suivi" : "l'a suivi"}.`}
        </Notice>
      )}
      <form noValidate onSubmit={ask}>
        <Select
          label="Nouvelle direction territoriale"
          state={missing || fieldError("territoryCode") ? "error" : "default"}
          stateRelatedMessage={missing ?? fieldError("territoryCode")}
          nativeSelectProps={{ value: territoryCode, onChange: (e) => setTerritoryCode(e.target.value), name: "territoryCode" }}
        >
          <option value="" disabled>
            Choisissez une direction territoriale
          </option>
          {territories.map((t) => (
            <option key={t.code} value={t.code}>
              {t.name}
            </option>
          ))}
        </Select>
        <MonthField
          legend="À partir du mois"
          hint="Le premier mois rattaché à la nouvelle direction territoriale. Ses rapports de ce mois et des suivants la suivent."
          value={from}
          onChange={setFrom}
          error={fieldError("from")}
        />
        {/* A submit button: the form needs one (WCAG 3.2.2), and Enter in a field asks too. */}
        <Button type="submit" iconId="fr-icon-arrow-right-line" ref={trigger}>
          Rattacher l'atelier…
        </Button>
      </form>
      <moveModal.Component
        title={target ? `Rattacher l'atelier ${history.code} à ${target.name} ?` : "Rattacher l'atelier"}
        titleAs="h2"
        buttons={[
          { children: "Annuler", priority: "secondary" },
          {
            children: action.pending ? "Rattachement en cours…" : "Confirmer le rattachement",
            priority: "primary",
            doClosesModal: false,
            disabled: action.pending || !target,
            onClick: () => void confirm(),
          },
        ]}
      >
        <p>
          À partir {ofMonthText(from)}, {history.name} sera rattaché à <strong>{target?.name ?? "—"}</strong>
          {before ? ` (et non plus à ${before})` : ""}.
        </p>
        <p>
          Ses rapports {ofMonthText(from)} et des mois suivants, hors années closes, suivront : {target?.name ?? "la nouvelle direction"}{" "}
          les examinera et les comptera dans ses chiffres. Les rapports d'avant {monthText(from)} restent
          {earlier ? ` à ${earlier}` : " à leur direction territoriale"}.
        </p>
        {general !== null && <Alert small severity="error" title="Rattachement refusé" description={errorMessage(general)} />}
      </moveModal.Component>
    </section>
  );
}
