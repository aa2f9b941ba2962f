import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import type { TOutboxPage } from "@enquete/contract";
import { Link } from "react-router";
import { plural } from "../../shared/format.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { isNoSmtpError } from "./kindLabels.ts";
import { NoSmtpNotice } from "./NoSmtpNotice.tsx";
import { OutboxTable } from "./OutboxTable.tsx";
import { OUTBOX_PAGE_SIZE, outboxPageHref } from "./paths.ts";
import { useOutboxPage } from "./useOutboxPage.ts";

/** The outbox, 25 emails a page, the page in the address. */
export function OutboxContent({ page }: { page: number }) {
  const { state, current, retry } = useOutboxPage(page);
  const busy = state.status === "loading";

  return (
    <div aria-busy={busy}>
      <p>
        Chaque courriel de la plateforme (rappels, avis de validation et de renvoi, récapitulatifs) est d'abord écrit ici, puis envoyé. Un
        courriel en échec est retenté automatiquement quelques fois ; la dernière erreur est indiquée.
      </p>
      {state.status === "error" && <LoadError as="h2" title="Impossible de charger les courriels" error={state.error} onRetry={retry} />}
      {current === null ? busy && <Loading label="Chargement des courriels…" /> : <OutboxView data={current} />}
    </div>
  );
}

function OutboxView({ data }: { data: TOutboxPage }) {
  // The page of the data on screen: while the next one loads, it is still the previous one.
  const page = Math.floor(data.offset / OUTBOX_PAGE_SIZE) + 1;
  const pages = Math.max(1, Math.ceil(data.total / OUTBOX_PAGE_SIZE));
  const first = data.offset + 1;
  const last = data.offset + data.items.length;
  const range = `${first} à ${last} sur ${data.total.toLocaleString("fr-FR")}`;

  if (data.total === 0) return <p>La plateforme n'a encore écrit aucun courriel.</p>;
  return (
    <>
      {data.items.some((e) => isNoSmtpError(e.lastError)) && <NoSmtpNotice />}
      {/* Announces the page after a move with the pagination, which keeps the focus; the caption shows the same. */}
      <p role="status" aria-live="polite" className="fr-sr-only">
        {data.items.length === 0 ? "" : `Page ${page} sur ${pages} : courriels ${range}.`}
      </p>
      {data.items.length === 0 ? (
        <p>
          Cette page n'existe pas : il y a {plural(pages, "page")} de courriels.{" "}
          <Link to={outboxPageHref(pages)}>Aller à la dernière page</Link>
        </p>
      ) : (
        <OutboxTable items={data.items} caption={`Courriels du plus récent au plus ancien : ${range} (page ${page} sur ${pages})`} />
      )}
      {pages > 1 && data.items.length > 0 && (
        <Pagination count={pages} defaultPage={page} getPageLinkProps={(n) => ({ to: outboxPageHref(n) })} showFirstLast />
      )}
    </>
  );
}
