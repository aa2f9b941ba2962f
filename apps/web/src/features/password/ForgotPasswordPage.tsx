import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { type TPasswordResetBody, ZPasswordResetBody } from "@enquete/contract";
import { RESET_LINK_MINUTES } from "@enquete/domain";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { errorMessage } from "../../api/ApiError.ts";
import { accountApi } from "../../api/account.ts";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { AuthPanel } from "../auth/AuthPanel.tsx";
import { LOGIN_PATH } from "../auth/returnPath.ts";
import { PROFILE_PATH } from "../profile/paths.ts";
import { useSession } from "../session/useSession.ts";

const validity = RESET_LINK_MINUTES === 60 ? "une heure" : `${RESET_LINK_MINUTES} minutes`;

/**
 * /mot-de-passe-oublie: a link to choose a new password, sent by email. The
 * answer is the same whatever the address (the API's too), so that nobody
 * learns from it whether an account exists.
 */
export function ForgotPasswordPage() {
  useDocumentTitle("Mot de passe oublié");
  const { user } = useSession();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<TPasswordResetBody>({
    resolver: zodResolver(ZPasswordResetBody),
    defaultValues: { email: user?.email ?? "" },
    shouldFocusError: true,
  });

  useEffect(() => {
    if (sentTo !== null || failure !== null) outcomeRef.current?.focus();
  }, [sentTo, failure]);

  const onSubmit = handleSubmit(async (body) => {
    setFailure(null);
    try {
      await accountApi.requestPasswordReset(body);
      setSentTo(body.email);
    } catch (error) {
      setFailure(error);
    }
  });

  const emailError = errors.email?.message;

  return (
    <AuthPanel>
      <PageHeading>Mot de passe oublié</PageHeading>
      {user && (
        <Alert
          className="fr-mb-4w"
          severity="info"
          small
          description={
            <>
              Vous êtes connecté·e en tant que {user.displayName}. Vous pouvez aussi changer votre mot de passe dans{" "}
              <Link to={`${PROFILE_PATH}#mot-de-passe`}>votre profil</Link>.
            </>
          }
        />
      )}
      <div ref={outcomeRef} tabIndex={-1}>
        {sentTo !== null && (
          <Alert
            className="fr-mb-4w"
            severity="success"
            as="h2"
            title="Demande enregistrée"
            description={
              <>
                Si un compte actif correspond à cette adresse (<span style={{ overflowWrap: "anywhere" }}>{sentTo}</span>), un courriel
                vient de lui être envoyé avec un lien pour choisir un nouveau mot de passe. Ce lien est valable {validity} et ne sert qu'une
                fois. Pensez à regarder dans le dossier des indésirables.
              </>
            }
          />
        )}
        {failure !== null && (
          <Alert className="fr-mb-4w" severity="error" as="h2" title="Demande impossible" description={errorMessage(failure)} />
        )}
      </div>
      {sentTo === null ? (
        <form onSubmit={onSubmit} noValidate aria-label="Recevoir un lien pour choisir un nouveau mot de passe">
          <p>Indiquez l'adresse électronique de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe.</p>
          <Input
            label="Adresse électronique"
            hintText="Par exemple : prenom.nom@reseau-canope.fr"
            state={emailError ? "error" : "default"}
            stateRelatedMessage={emailError}
            nativeInputProps={{
              ...register("email"),
              type: "email",
              // "username" is only valid on a text field (WCAG 1.3.5 for HTML_CodeSniffer); as on the sign-in form.
              autoComplete: "email",
              spellCheck: false,
              autoCapitalize: "none",
              required: true,
              "aria-invalid": emailError ? true : undefined,
            }}
          />
          <Button type="submit" className="fr-mt-2w" disabled={isSubmitting}>
            {isSubmitting ? "Envoi…" : "Recevoir un lien"}
          </Button>
        </form>
      ) : (
        <Button priority="secondary" onClick={() => setSentTo(null)}>
          Faire une nouvelle demande
        </Button>
      )}
      <p className="fr-mt-4w fr-mb-0">
        <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={user ? "/" : LOGIN_PATH}>
          {user ? "Retour à l'accueil" : "Retour à la connexion"}
        </Link>
      </p>
    </AuthPanel>
  );
}
