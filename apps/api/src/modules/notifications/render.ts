/**
 * The email as it leaves: the stored content, the absolute link, and a footer
 * that says whether the message can be turned off. A plain-text version and
 * an HTML one built from it (no template engine: the text is the source).
 */
import { ACCOUNT_FOOTER, ACCOUNT_LINK_LABEL, isAccountEmailKind } from "./account-emails.ts";
import { type EmailKind, isEssential, PREFERENCE_OF } from "./kinds.ts";

export interface RenderedEmail {
  text: string;
  html: string;
  url: string | null;
}

const LINK_LABEL: Record<EmailKind, string> = {
  reminder_before: "Ouvrir le rapport",
  reminder_after: "Ouvrir le rapport",
  digest: "Ouvrir la liste des rapports à examiner",
  report_validated: "Voir le rapport",
  report_returned: "Corriger le rapport",
  report_reopened: "Corriger le rapport",
};

function footer(kind: string): string[] {
  if (isAccountEmailKind(kind)) {
    return ["Enquête atelier · Réseau Canopé", "Message automatique : merci de ne pas y répondre.", ACCOUNT_FOOTER];
  }
  // A kind this code does not know is not said to be optional.
  const essential = kind in PREFERENCE_OF ? isEssential(kind as EmailKind) : true;
  return [
    "Enquête atelier · Réseau Canopé",
    "Message automatique : merci de ne pas y répondre.",
    essential
      ? "Ce message est indispensable au suivi de vos rapports : il ne peut pas être désactivé."
      : "Vous pouvez désactiver ces messages dans votre profil, sur la plateforme.",
  ];
}

export function absoluteUrl(publicUrl: string, link: string | null): string | null {
  if (!link) return null;
  return `${publicUrl}${link.startsWith("/") ? link : `/${link}`}`;
}

const escapeHtml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replaceAll("\n", "<br>")}</p>`)
    .join("\n");

export function renderEmail(row: { kind: string; body: string; link: string | null }, publicUrl: string): RenderedEmail {
  const url = absoluteUrl(publicUrl, row.link);
  const label = isAccountEmailKind(row.kind) ? ACCOUNT_LINK_LABEL[row.kind] : (LINK_LABEL[row.kind as EmailKind] ?? "Ouvrir la page");
  const foot = footer(row.kind);
  const text = [row.body, url ? `${label} : ${url}` : null, `-- \n${foot.join("\n")}`].filter(Boolean).join("\n\n");
  const html = [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"></head>',
    '<body style="font-family: Marianne, Arial, sans-serif; line-height: 1.5; color: #161616;">',
    paragraphs(row.body),
    url ? `<p><a href="${escapeHtml(url)}" style="color: #000091; font-weight: bold;">${escapeHtml(label)}</a></p>` : "",
    `<hr><p style="font-size: 0.875em; color: #666;">${foot.map(escapeHtml).join("<br>")}</p>`,
    "</body></html>",
  ].join("\n");
  return { text, html, url };
}
