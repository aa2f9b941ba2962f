/**
 * Where emails go: an SMTP server when SMTP_HOST is set, otherwise the log
 * (one structured line per email). The log channel never pretends an email
 * was sent: the delivery job leaves it unsent in the outbox, with a note.
 */
import nodemailer from "nodemailer";
import type { Config } from "../config.ts";
import { SECRET_LINK_KINDS } from "../modules/notifications/account-emails.ts";
import type { JobLog } from "./log.ts";

export interface OutgoingEmail {
  outboxId: number;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  readonly channel: "smtp" | "log";
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export function createMailer(config: Pick<Config, "smtp" | "mailFrom"> & Partial<Pick<Config, "demo">>, log: JobLog): Mailer {
  const { smtp } = config;
  if (!smtp.host) {
    // Real accounts (no demo): a single-use link is the person's secret and stays out of the log.
    // With demo data, the log is how someone trying the platform without SMTP follows an invitation.
    const mask = (email: OutgoingEmail) =>
      config.demo === "off" && SECRET_LINK_KINDS.includes(email.kind)
        ? email.text.replace(/#[A-Za-z0-9_-]{20,}/g, "#[masqué]")
        : email.text;
    return {
      channel: "log",
      async send(email) {
        log.warn(
          { outboxId: email.outboxId, kind: email.kind, to: email.to, subject: email.subject, text: mask(email) },
          "Courriel non envoyé : aucun serveur SMTP n'est configuré (SMTP_HOST). Le voici dans le journal ; il reste visible dans la boîte d'envoi.",
        );
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(
    {
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      auth: smtp.user && smtp.password ? { user: smtp.user, pass: smtp.password } : undefined,
      // A server that does not answer must not hold a delivery run for minutes.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    },
    { from: config.mailFrom },
  );
  return {
    channel: "smtp",
    async send(email) {
      await transport.sendMail({
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        // RFC 3834: an automatic message, so that out-of-office replies stay quiet.
        headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
      });
    },
    close() {
      transport.close();
    },
  };
}
