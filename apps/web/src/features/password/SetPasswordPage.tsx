import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { TLinkInfo } from "@enquete/contract";
import { FORGOT_PASSWORD_PATH } from "@enquete/domain";
import { useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { ApiError } from "../../api/ApiError.ts";
import { accountApi } from "../../api/account.ts";
import { formatDateTime } from "../../shared/format.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { AuthPanel } from "../auth/AuthPanel.tsx";
import { useSession } from "../session/useSession.ts";
import { SetPasswordForm } from "./SetPasswordForm.tsx";

/** The API's answer for a link that is unknown, used, replaced or expired. */
export const isGone = (error: unknown) => error instanceof ApiError && error.status === 410;

/**
 * /mot-de-passe#<secret>: where the invitation and reset emails lead. The
 * secret is after the #, so the browser never sends it in an address (nor
 * does any server log it); it is read once, then taken out of the address
 * bar and the history, so that it is not left on a shared screen.
 */
export function SetPasswordPage() {
  useDocumentTitle("Choisissez votre mot de passe");
  const location = useLocation();
  const [secret] = useState(() => location.hash.replace(/^#/, "").trim());
  const { user } = useSession();

  useEffect(() => {
    if (window.location.hash) {
      window.history.replaceState(window.history.state, "", `${window.location.pathname}${window.location.search}`);
    }
  }, []);

  const { state, retry } = useApiData(
    async (signal) => {
      if (secret === "") throw new ApiError(410, { code: "LINK_GONE", message: "Ce lien est incomplet." });
      return await accountApi.linkInfo(secret, signal);
    },
    [secret],
  );
  const [gone, setGone] = useState(false);

  return (
    <AuthPanel>
      <PageHeading>Choisissez votre mot de passe</PageHeading>
      {state.status === "loading" && <Loading label="Vérification du lien…" />}
      {(gone || (state.status === "error" && isGone(state.error))) && <DeadLink />}
      {!gone && state.status === "error" && !isGone(state.error) && (
        <LoadError as="h2" title="Impossible de vérifier le lien" error={state.error} onRetry={retry} />
      )}
      {!gone && state.status === "success" && (
        <>
          {user && user.email.toLowerCase() !== state.data.email.toLowerCase() && (
            <Alert
              className="fr-mb-4w"
              severity="warning"
              small
              description={`Vous êtes connecté·e en tant que ${user.displayName}, mais ce lien concerne un autre compte : celui de ${state.data.displayName}.`}
            />
          )}
          <Intro info={state.data} />
          <SetPasswordForm secret={secret} info={state.data} onGone={() => setGone(true)} />
        </>
      )}
    </AuthPanel>
  );
}

function Intro({ info }: { info: TLinkInfo }) {
  const until = <ExpiresAt iso={info.expiresAt} />;
  const email = <strong style={{ overflowWrap: "anywhere" }}>{info.email}</strong>;
  if (info.purpose === "invitation") {
    return (
      <>
        <p className="fr-text--lead">Bienvenue, {info.displayName} !</p>
        <p>
          Votre compte Enquête atelier, à l'adresse {email}, est prêt. Choisissez votre mot de passe pour l'activer : ce lien est valable
          jusqu'au {until} et ne sert qu'une fois.
        </p>
      </>
    );
  }
  return (
    <p>
      Choisissez un nouveau mot de passe pour le compte de {info.displayName}, à l'adresse {email}. Ce lien est valable jusqu'au {until} et
      ne sert qu'une fois. Une fois le mot de passe enregistré, les sessions ouvertes avec ce compte sont fermées, sur tous les appareils.
    </p>
  );
}

function ExpiresAt({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}

function DeadLink() {
  return (
    <Alert
      severity="error"
      as="h2"
      title="Ce lien n'est plus valable"
      description={
        <>
          <p className="fr-mb-2w">
            Il a déjà servi, il a expiré, ou un lien plus récent l'a remplacé. Demandez-en un nouveau : il arrivera par courriel dans
            quelques instants.
          </p>
          <p className="fr-mb-0">
            <Link to={FORGOT_PASSWORD_PATH}>Recevoir un nouveau lien</Link>
          </p>
        </>
      }
    />
  );
}
