import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { useCallback, useEffect, useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { ApiError } from "../../api/ApiError.ts";
import { usersApi } from "../../api/users.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { RoleOnly } from "../../shared/RoleOnly.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { Notice } from "../referential-admin/Notice.tsx";
import { AccountAccess } from "./AccountAccess.tsx";
import { AccountFacts } from "./AccountFacts.tsx";
import { AccountJournal } from "./AccountJournal.tsx";
import { AccountRoles } from "./AccountRoles.tsx";
import { InvitationSentAlert, invitationNoticeOf } from "./InvitationSentAlert.tsx";
import type { Outcome } from "./outcome.ts";
import { ACCOUNTS_PATH, ACCOUNTS_TITLE } from "./paths.ts";
import { StatusBadge } from "./StatusBadge.tsx";
import { loadScopes } from "./scopes.ts";
import { useLatestData } from "./useLatestData.ts";

/** One account: who, in what state, with which roles; its changes; and its journal. */
export function AccountPage() {
  const { id = "" } = useParams();
  return (
    <div className="fr-container fr-mb-4w">
      <RoleOnly forRole="admin" reason="Seuls les administrateurs de la plateforme gèrent les comptes.">
        <AccountContent id={id} />
      </RoleOnly>
    </div>
  );
}

function AccountContent({ id }: { id: string }) {
  const location = useLocation();
  const navigate = useNavigate();
  const account = useLatestData((signal) => usersApi.get(id, signal), [id]);
  const scopes = useApiData(loadScopes, []);
  // The creation page says the invitation has left; the state is dropped at once so a reload does not say it again.
  const [outcome, setOutcome] = useState<Outcome | null>(() => {
    const notice = invitationNoticeOf(location.state);
    return notice ? { kind: "invitation", notice } : null;
  });
  const [revision, setRevision] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival
  useEffect(() => {
    if (invitationNoticeOf(location.state)) navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, []);

  const { reload } = account;
  const changed = useCallback(
    (what: Outcome) => {
      setOutcome(what);
      setRevision((n) => n + 1);
      reload();
    },
    [reload],
  );

  const user = account.data?.id === id ? account.data : null;
  useDocumentTitle(user ? `${user.displayName} – ${ACCOUNTS_TITLE}` : ACCOUNTS_TITLE);

  if (user === null) {
    return (
      <>
        <Breadcrumb
          currentPageLabel="Compte"
          segments={[
            { label: "Tableau de bord", linkProps: { to: "/" } },
            { label: ACCOUNTS_TITLE, linkProps: { to: ACCOUNTS_PATH } },
          ]}
        />
        {account.state.status === "error" ? (
          <LoadFailure error={account.state.error} onRetry={account.retry} />
        ) : (
          <Loading label="Chargement du compte…" />
        )}
      </>
    );
  }

  const names = scopes.state.status === "success" ? scopes.state.data.names : undefined;
  return (
    <>
      <Breadcrumb
        currentPageLabel={user.displayName}
        segments={[
          { label: "Tableau de bord", linkProps: { to: "/" } },
          { label: ACCOUNTS_TITLE, linkProps: { to: ACCOUNTS_PATH } },
        ]}
      />
      <PageHeading className="fr-mb-1w">{user.displayName}</PageHeading>
      <p className="fr-mb-4w">
        <span className="fr-sr-only">État du compte : </span>
        <StatusBadge status={user.status} />
      </p>
      {account.state.status === "error" && <LoadError as="h2" error={account.state.error} onRetry={account.retry} />}
      {/* Keyed by the change: a second invitation is a new alert, announced and focused again. */}
      {outcome?.kind === "invitation" && <InvitationSentAlert key={revision} notice={outcome.notice} onClose={() => setOutcome(null)} />}
      {outcome?.kind === "text" && (
        <Notice key={revision} onClose={() => setOutcome(null)}>
          {outcome.text}
        </Notice>
      )}
      <div aria-busy={account.state.status === "loading"}>
        <AccountFacts user={user} onChanged={changed} />
        {scopes.state.status === "error" ? (
          <LoadError
            as="h2"
            title="Impossible de charger les ateliers et les directions territoriales"
            error={scopes.state.error}
            onRetry={scopes.retry}
          />
        ) : scopes.state.status === "success" ? (
          <AccountRoles user={user} scopes={scopes.state.data} onChanged={changed} />
        ) : (
          <Loading label="Chargement des rôles…" />
        )}
        <AccountAccess user={user} onChanged={changed} />
        <AccountJournal userId={user.id} revision={revision} names={names} />
      </div>
    </>
  );
}

/** An unknown account says so, with the way back; any other failure offers a retry. */
function LoadFailure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (error instanceof ApiError && (error.status === 404 || error.status === 422)) {
    return (
      <>
        <PageHeading>Compte introuvable</PageHeading>
        <Alert
          severity="error"
          as="h2"
          title="Ce compte n'existe pas"
          description={
            <>
              {error.message} <Link to={ACCOUNTS_PATH}>Revenir à la liste des comptes</Link>
            </>
          }
        />
      </>
    );
  }
  return (
    <>
      <PageHeading>Compte</PageHeading>
      <LoadError as="h2" title="Impossible de charger le compte" error={error} onRetry={onRetry} />
    </>
  );
}
