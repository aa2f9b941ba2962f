/**
 * What each email says, in French. Only the content is written here; the
 * link and the footer are added when the email is sent (render.ts), so that
 * the links follow PUBLIC_URL.
 */
import { ofPeriod, periodLabel } from "@enquete/domain";
import { dayMonth, longDate } from "./dates.ts";

export interface EmailContent {
  subject: string;
  body: string;
  /** A path of the web app, made absolute with PUBLIC_URL when sent. */
  link: string;
}

export const reportPath = (atelierCode: string, period: string) => `/ateliers/${encodeURIComponent(atelierCode)}/rapports/${period}`;
export const HOME_PATH = "/";

/** "de novembre 2026", "d'octobre 2026" (the domain's wording). */
export const ofMonth = ofPeriod;

const STATUS_NOTE: Record<string, string> = {
  not_started: "Il n'a pas encore été commencé.",
  draft: "Un brouillon est enregistré : il reste à le compléter et à le soumettre.",
  returned: "Il vous a été renvoyé pour correction : il reste à le corriger et à le soumettre de nouveau.",
};

/** "demain", "dans trois jours", "dans 12 jours". */
function inDays(days: number): string {
  const words = ["aujourd'hui", "demain", "dans deux jours", "dans trois jours", "dans quatre jours", "dans cinq jours"];
  return words[days] ?? `dans ${days} jours`;
}

export function reminderEmail(input: {
  when: "before" | "after";
  atelierCode: string;
  atelierLabel: string;
  period: string;
  dueDate: string;
  /** When the reminder goes, counted from the due date: -3 three days before it, 1 the day after. */
  daysFromDue: number;
  status: string;
}): EmailContent {
  const month = ofMonth(input.period);
  const days = Math.abs(input.daysFromDue);
  const note = STATUS_NOTE[input.status] ?? "";
  if (input.when === "before") {
    return {
      subject: `Rappel : rapport ${month} à soumettre avant le ${dayMonth(input.dueDate)} (atelier ${input.atelierCode})`,
      body: [
        "Bonjour,",
        `Le rapport d'activité ${month} de l'${input.atelierLabel} est attendu au plus tard le ${longDate(input.dueDate)}, ${inDays(days)}. ${note}`,
        "Une fois soumis, il est examiné par votre direction territoriale.",
      ].join("\n\n"),
      link: reportPath(input.atelierCode, input.period),
    };
  }
  return {
    subject: `Rapport ${month} en retard : il était attendu le ${dayMonth(input.dueDate)} (atelier ${input.atelierCode})`,
    body: [
      "Bonjour,",
      `Le rapport d'activité ${month} de l'${input.atelierLabel} était attendu le ${longDate(input.dueDate)} et n'est pas encore soumis. ${note}`,
      "Merci de le soumettre dès que possible à votre direction territoriale : il sera signalé en retard.",
    ].join("\n\n"),
    link: reportPath(input.atelierCode, input.period),
  };
}

export function decisionEmail(input: {
  action: "validate" | "return" | "reopen";
  atelierCode: string;
  atelierLabel: string;
  period: string;
  comment: string | null;
  actor: string;
}): EmailContent {
  const month = ofMonth(input.period);
  const link = reportPath(input.atelierCode, input.period);
  const quoted = input.comment?.trim() ? `« ${input.comment.trim()} »` : "(sans commentaire)";
  switch (input.action) {
    case "validate":
      return {
        subject: `Rapport ${month} validé (atelier ${input.atelierCode})`,
        body: [
          "Bonjour,",
          `${input.actor} a validé le rapport d'activité ${month} de l'${input.atelierLabel}. Il compte désormais dans les chiffres officiels.`,
          "Merci pour votre saisie.",
        ].join("\n\n"),
        link,
      };
    case "return":
      return {
        subject: `Rapport ${month} renvoyé pour correction (atelier ${input.atelierCode})`,
        body: [
          "Bonjour,",
          `${input.actor} vous a renvoyé le rapport d'activité ${month} de l'${input.atelierLabel} pour correction.`,
          `Son commentaire :\n${quoted}`,
          "Corrigez le rapport, puis soumettez-le de nouveau.",
        ].join("\n\n"),
        link,
      };
    case "reopen":
      return {
        subject: `Rapport ${month} rouvert par la direction nationale (atelier ${input.atelierCode})`,
        body: [
          "Bonjour,",
          `${input.actor} a rouvert le rapport d'activité ${month} de l'${input.atelierLabel}, qui avait été validé. Il vous est renvoyé pour correction.`,
          `Motif :\n${quoted}`,
          "Corrigez le rapport, puis soumettez-le de nouveau.",
        ].join("\n\n"),
        link,
      };
  }
}

export interface WaitingReport {
  territoryName: string;
  atelierLabel: string;
  period: string;
  submittedOn: string | null;
}

/** The longest list an email shows; the rest is counted, and the home page has them all. */
const DIGEST_MAX_LINES = 40;

export function digestEmail(waiting: WaitingReport[]): EmailContent {
  const n = waiting.length;
  const territories = [...new Set(waiting.map((w) => w.territoryName))];
  const lines: string[] = [];
  for (const territory of territories) {
    if (territories.length > 1) lines.push(`${territory} :`);
    for (const w of waiting.filter((x) => x.territoryName === territory)) {
      const on = w.submittedOn ? `, soumis le ${dayMonth(w.submittedOn)}` : "";
      lines.push(`- ${periodLabel(w.period)} : ${w.atelierLabel}${on}`);
    }
  }
  const shown = lines.slice(0, DIGEST_MAX_LINES);
  if (lines.length > shown.length) shown.push(`… et ${lines.length - shown.length} autres lignes.`);
  return {
    subject: n === 1 ? "1 rapport attend votre examen" : `${n} rapports attendent votre examen`,
    body: [
      "Bonjour,",
      n === 1
        ? "Un rapport mensuel attend votre examen (validation ou renvoi pour correction) :"
        : `${n} rapports mensuels attendent votre examen (validation ou renvoi pour correction) :`,
      shown.join("\n"),
    ].join("\n\n"),
    link: HOME_PATH,
  };
}
