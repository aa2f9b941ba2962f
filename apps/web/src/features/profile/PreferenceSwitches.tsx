import { ToggleSwitch } from "@codegouvfr/react-dsfr/ToggleSwitch";
import type { TNotificationKind, TNotificationPreference } from "@enquete/contract";

type Props = {
  preferences: readonly TNotificationPreference[];
  onChange: (kind: TNotificationKind, enabled: boolean) => void;
};

/** One DSFR switch per email; an essential one is on and locked, and says why. */
export function PreferenceSwitches({ preferences, onChange }: Props) {
  return (
    <fieldset className="fr-fieldset">
      <legend className="fr-fieldset__legend">Courriels que vous recevez</legend>
      <div className="fr-fieldset__element">
        <ul className="fr-toggle__list">
          {preferences.map((p) => (
            <li key={p.kind}>{p.essential ? <EssentialSwitch preference={p} /> : <Switch preference={p} onChange={onChange} />}</li>
          ))}
        </ul>
      </div>
    </fieldset>
  );
}

const switchId = (kind: TNotificationKind) => `courriel-${kind}`;

function Switch({ preference: p, onChange }: { preference: TNotificationPreference; onChange: Props["onChange"] }) {
  return (
    <ToggleSwitch
      id={switchId(p.kind)}
      name={p.kind}
      label={p.label}
      helperText={p.description}
      checked={p.enabled}
      onChange={(checked) => onChange(p.kind, checked)}
    />
  );
}

/**
 * Always on. The reason is written under the switch, outside it: DSFR greys
 * the hint of a disabled switch below readable contrast. The switch's input
 * points at `<id>-hint-text` (aria-describedby), which this paragraph carries.
 */
function EssentialSwitch({ preference: p }: { preference: TNotificationPreference }) {
  const id = switchId(p.kind);
  return (
    <>
      <ToggleSwitch id={id} name={p.kind} label={p.label} checked disabled onChange={() => {}} />
      <p id={`${id}-hint-text`} className="fr-hint-text fr-mt-1v">
        {p.description}
        <br />
        <span className="fr-icon-lock-line fr-icon--sm" aria-hidden="true" /> Toujours activé : ce courriel vous demande une action, il ne
        peut pas être désactivé.
      </p>
    </>
  );
}
