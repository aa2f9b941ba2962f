/**
 * Sends what waits in the outbox. Each email is locked (FOR UPDATE SKIP
 * LOCKED) in its own transaction while it is sent, and marked in that same
 * transaction: two workers never send the same row, and a row is never
 * marked sent unless the SMTP server accepted it. (A crash between the
 * server's acceptance and the commit sends it again at the next run: at
 * least once, never silently lost.)
 */
import type { Db } from "../db/client.ts";
import { claimNext, markFailed, markSent } from "../modules/notifications/outbox-repository.ts";
import { renderEmail } from "../modules/notifications/render.ts";
import type { JobLog } from "./log.ts";
import type { Mailer } from "./mailer.ts";

export const NOT_SENT_NO_SMTP =
  "Non envoyé : aucun serveur SMTP n'est configuré (SMTP_HOST). Le courriel a été écrit dans le journal du serveur.";

/** Errors about one message; any other error (connection, authentication) means the server is unusable for now. */
const MESSAGE_ERRORS = new Set(["EENVELOPE", "EMESSAGE"]);

function describe(error: unknown): { code: string | null; text: string } {
  const e = error as { code?: string; response?: string; message?: string };
  const detail = e.response || e.message || String(error);
  return { code: e.code ?? null, text: `Échec de l'envoi SMTP${e.code ? ` (${e.code})` : ""} : ${detail}` };
}

export interface DeliveryResult {
  sent: number;
  failed: number;
  logged: number;
}

export async function deliverOutbox(
  db: Db,
  deps: { mailer: Mailer; publicUrl: string; log: JobLog },
  options: { limit?: number } = {},
): Promise<DeliveryResult> {
  const { mailer, log } = deps;
  const result: DeliveryResult = { sent: 0, failed: 0, logged: 0 };
  const tried: number[] = [];
  let serverDown = false;
  while (!serverDown && tried.length < (options.limit ?? 200)) {
    const claimed = await db.transaction(async (tx) => {
      const row = await claimNext(tx, { firstOnly: mailer.channel === "log", exclude: tried });
      if (!row) return false;
      tried.push(row.id);
      const { text, html } = renderEmail(row, deps.publicUrl);
      try {
        await mailer.send({ outboxId: row.id, kind: row.kind, to: row.toEmail, subject: row.subject, text, html });
      } catch (error) {
        const failure = describe(error);
        await markFailed(tx, row.id, failure.text);
        log.warn(
          { outboxId: row.id, kind: row.kind, to: row.toEmail, attempt: row.attempts + 1, error: failure.text },
          "Courriel non envoyé",
        );
        result.failed += 1;
        serverDown = !failure.code || !MESSAGE_ERRORS.has(failure.code);
        return true;
      }
      if (mailer.channel === "log") {
        await markFailed(tx, row.id, NOT_SENT_NO_SMTP);
        result.logged += 1;
      } else {
        await markSent(tx, row.id);
        log.info({ outboxId: row.id, kind: row.kind, to: row.toEmail }, "Courriel envoyé");
        result.sent += 1;
      }
      return true;
    });
    if (!claimed) break;
  }
  return result;
}
