/**
 * The emails of the platform: what each one is for, who it concerns, and
 * whether the user may turn it off.
 *
 * Essential or not: an email that asks the user for work they could not
 * otherwise learn about in time is essential. A returned (or reopened) report
 * is back in the atelier's hands with a comment to act on: always sent.
 * Reminders repeat a calendar the directors already know, the digest repeats
 * the territorial director's home page, and a validation asks for nothing:
 * those three can be turned off (issue 4: "users can turn off the
 * non-essential ones").
 */
import type { TNotificationKind } from "@enquete/contract";
import type { Role } from "@enquete/domain";

export interface KindInfo {
  label: string;
  description: string;
  essential: boolean;
  /** The roles the email is sent to: the preference is shown to those only. */
  role: Extract<Role, "atelier" | "territory">;
}

export const KINDS: Record<TNotificationKind, KindInfo> = {
  reminders: {
    label: "Rappels d'échéance du rapport mensuel",
    description: "Trois jours avant la date limite, puis le lendemain, tant que le rapport n'est pas soumis.",
    essential: false,
    role: "atelier",
  },
  digest: {
    label: "Récapitulatif quotidien des rapports à examiner",
    description: "Chaque matin de semaine où des rapports de votre direction territoriale attendent votre examen.",
    essential: false,
    role: "territory",
  },
  report_validated: {
    label: "Avis de validation d'un rapport",
    description: "Quand la direction territoriale valide un rapport de votre atelier.",
    essential: false,
    role: "atelier",
  },
  report_returned: {
    label: "Avis de renvoi d'un rapport",
    description:
      "Quand un rapport de votre atelier vous est renvoyé pour correction, avec le commentaire. Indispensable : toujours envoyé.",
    essential: true,
    role: "atelier",
  },
};

/** The `kind` of an outbox row: finer than a preference (a reminder before or after the due date). */
export type EmailKind = "reminder_before" | "reminder_after" | "digest" | "report_validated" | "report_returned" | "report_reopened";

/** The preference that governs each email. */
export const PREFERENCE_OF: Record<EmailKind, TNotificationKind> = {
  reminder_before: "reminders",
  reminder_after: "reminders",
  digest: "digest",
  report_validated: "report_validated",
  report_returned: "report_returned",
  report_reopened: "report_returned",
};

export const isEssential = (kind: EmailKind) => KINDS[PREFERENCE_OF[kind]].essential;
