import type { TPublicContact } from "@enquete/contract";
import { LoadError } from "../../shared/LoadError.tsx";
import type { LoadState } from "../../shared/useApiData.ts";
import { NO_CONTACT_EMAIL } from "./publicContact.ts";

type Props = {
  state: LoadState<TPublicContact>;
  retry: () => void;
  /** What comes before the address, ending the sentence with it: "écrivez à". */
  lead: string;
};

/**
 * One sentence with the contact address as a mailto link; while it loads, the
 * sentence waits; when none is set, the page says so plainly instead of a
 * dead link.
 */
export function ContactAddress({ state, retry, lead }: Props) {
  if (state.status === "loading") return <p aria-busy="true">Chargement de l'adresse de contact…</p>;
  if (state.status === "error")
    return <LoadError as="h3" title="Impossible de charger l'adresse de contact" error={state.error} onRetry={retry} />;
  const email = state.data.email;
  if (!email) return <p>{NO_CONTACT_EMAIL}</p>;
  return (
    <p>
      {lead} <a href={`mailto:${email}`}>{email}</a>.
    </p>
  );
}
