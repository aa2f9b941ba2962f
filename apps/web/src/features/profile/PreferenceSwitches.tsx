import { ToggleSwitch } from "@codegouvfr/react-dsfr/ToggleSwitch";
import type { TNotificationKind, TNotificationPreference } from "@enquete/contract";

type Props = {
  preferences: readonly TNotificationPreference[];
  onChange: (kind: TNotificationKind, enabled: boolean) => void;
};

/** One DSFR switch per email; an essential one is a locked line of text that says why. */
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
 * Always on: a line of text with a lock, not a disabled switch. DSFR greys a
 * disabled switch's label below readable contrast, and a control that cannot
 * be used is noise for a screen reader; the text says what it is and why.
 */
function EssentialSwitch({ preference: p }: { preference: TNotificationPreference }) {
  const id = switchId(p.kind);
  return (
    <div id={id} className="fr-py-2w">
      <p id={`${id}-label`} className="fr-mb-1v">
        <span className="fr-icon-lock-line fr-icon--sm fr-mr-1v" aria-hidden="true" />
        {p.label} : <strong>toujours activé</strong>
      </p>
      <p id={`${id}-hint-text`} className="fr-hint-text fr-mb-0">
        {p.description}
        <br />
        Ce courriel vous demande une action, il ne peut pas être désactivé.
      </p>
    </div>
  );
}
