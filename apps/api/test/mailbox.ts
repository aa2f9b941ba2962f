/**
 * A real SMTP server for the tests, API and browser alike (smtp-server on a
 * free local port): the platform sends to it as it would to the ministry's
 * relay, and the test reads what a person would find in their inbox. Plain text on a local
 * port: no STARTTLS (nodemailer would try it and refuse a test certificate),
 * no authentication asked.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerError } from "smtp-server";

export interface Mail {
  /** The envelope's recipients. */
  to: string[];
  subject: string;
  /** The plain-text part, decoded. */
  text: string;
  /** The HTML part, decoded. */
  html: string;
  headers: Record<string, string>;
  /** When the last byte arrived (Date.now()). */
  receivedAt: number;
}

export interface Mailbox {
  port: number;
  /** Every message received so far, in order of arrival. */
  readonly messages: readonly Mail[];
  /** The first message (already there or still to come) that satisfies the predicate; rejects after timeoutMs. */
  waitFor(predicate: (m: Mail) => boolean, timeoutMs: number): Promise<Mail>;
  /** From now on, refuse this recipient with a 550 (a mailbox that does not exist). */
  refuse(address: string): void;
  stop(): Promise<void>;
}

/** Quoted-printable to bytes (as a latin1 string, one character a byte): soft line breaks joined, =XX decoded. */
const qpToBytes = (s: string) =>
  s.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
const bytesToUtf8 = (bytes: string) => Buffer.from(bytes, "latin1").toString("utf8");

/**
 * A header's RFC 2047 encoded words (=?UTF-8?Q?…?= or ?B?): adjacent words
 * joined before decoding, since a French accent's two bytes may be split
 * between two of them.
 */
function decodeWords(value: string): string {
  const bytes = value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("latin1") : qpToBytes(text.replaceAll("_", " ")),
    );
  return bytesToUtf8(bytes);
}

/** Head and body of a message or of a part, split at the first empty line. */
function split(raw: string): { head: string; body: string } {
  const blank = /\r?\n\r?\n/.exec(raw);
  if (!blank) return { head: raw, body: "" };
  return { head: raw.slice(0, blank.index), body: raw.slice(blank.index + blank[0].length) };
}

function headersOf(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  // Folded lines continue the header above them.
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return headers;
}

/** The leaf parts of a message (multipart/alternative holds the text and the HTML), each decoded to a string. */
function leaves(headers: Record<string, string>, body: string): { type: string; content: string }[] {
  const type = (headers["content-type"] ?? "text/plain").toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(headers["content-type"] ?? "")?.[1];
  if (type.startsWith("multipart/") && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1, -1)
      .flatMap((part) => {
        const inner = split(part.replace(/^\r?\n/, ""));
        return leaves(headersOf(inner.head), inner.body);
      });
  }
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  const bytes =
    encoding === "quoted-printable"
      ? qpToBytes(body)
      : encoding === "base64"
        ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("latin1")
        : body;
  return [{ type, content: bytesToUtf8(bytes).replace(/\r\n/g, "\n").trimEnd() }];
}

/** A raw message (its bytes as latin1) parsed the simple way: headers, the text part and the HTML part. */
export function parseMail(raw: string, to: string[], receivedAt = Date.now()): Mail {
  const { head, body } = split(raw);
  const headers = headersOf(head);
  const parts = leaves(headers, body);
  return {
    to,
    subject: headers.subject ?? "",
    text: parts.find((p) => p.type.startsWith("text/plain"))?.content ?? "",
    html: parts.find((p) => p.type.startsWith("text/html"))?.content ?? "",
    headers,
    receivedAt,
  };
}

/** The first http(s) link of the message's text (the HTML's if the text has none). */
export function linkIn(message: Mail): string {
  const link =
    /https?:\/\/[^\s<>"']+/.exec(message.text)?.[0] ?? /href="(https?:\/\/[^"]+)"/.exec(message.html)?.[1]?.replaceAll("&amp;", "&");
  if (!link) throw new Error(`Aucun lien dans le courriel « ${message.subject} » :\n${message.text}`);
  return link;
}

export async function startMailbox(): Promise<Mailbox> {
  const messages: Mail[] = [];
  const waiting = new Set<() => void>();
  const refused = new Set<string>();
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!refused.has(address.address.toLowerCase())) return callback();
      const error: SMTPServerError = new Error("Boîte aux lettres inconnue");
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((a) => a.address.toLowerCase());
        messages.push(parseMail(Buffer.concat(chunks).toString("latin1"), to));
        for (const wake of waiting) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    messages,
    waitFor(predicate, timeoutMs) {
      return new Promise<Mail>((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (!found) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          const seen = messages.map((m) => `${m.to.join(", ")} : ${m.subject}`).join("\n") || "(aucun)";
          reject(new Error(`Aucun courriel attendu reçu en ${timeoutMs} ms. Reçus :\n${seen}`));
        }, timeoutMs);
        waiting.add(check);
        check();
      });
    },
    refuse: (address) => refused.add(address.toLowerCase()),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
