import type { TNotificationKind, TNotificationPreference } from "@enquete/contract";
import { useRef, useState } from "react";
import { saveNotificationPreferences } from "../../api/notifications.ts";

export type SaveState =
  | { status: "idle" }
  | { status: "saving" }
  | { status: "saved"; count: number }
  | { status: "failed"; error: unknown };

const withKind = (list: TNotificationPreference[], kind: TNotificationKind, enabled: boolean) =>
  list.map((p) => (p.kind === kind ? { ...p, enabled } : p));

/**
 * Saves each switch as soon as it changes (PUT with that kind only). The switch
 * moves at once; the server's answer is the truth afterwards, and a refusal
 * puts the switch back. With several saves in flight, the last answer wins.
 */
export function usePreferenceSaver(initial: TNotificationPreference[]) {
  const [preferences, setPreferences] = useState(initial);
  const [save, setSave] = useState<SaveState>({ status: "idle" });
  const latest = useRef(0);

  const change = async (kind: TNotificationKind, enabled: boolean) => {
    const ticket = ++latest.current;
    setPreferences((list) => withKind(list, kind, enabled));
    setSave({ status: "saving" });
    try {
      const saved = await saveNotificationPreferences({ [kind]: enabled });
      if (ticket !== latest.current) return;
      setPreferences(saved.preferences);
      setSave({ status: "saved", count: ticket });
    } catch (error) {
      setPreferences((list) => withKind(list, kind, !enabled));
      setSave({ status: "failed", error });
    }
  };

  return { preferences, save, change };
}
