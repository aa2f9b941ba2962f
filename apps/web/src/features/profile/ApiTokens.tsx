import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { type TApiToken, type TCreatedToken, type TCreateTokenBody, type TMe, ZCreateTokenBody } from "@enquete/contract";
import { formatScope, TOKEN_ROLES } from "@enquete/domain";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { ApiError, errorMessage } from "../../api/ApiError.ts";
import { accountApi } from "../../api/account.ts";
import { formatDateTime, formatDay } from "../../shared/format.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { NewToken } from "./NewToken.tsx";
import { expiresSoon, expiryBounds } from "./tokenDates.ts";

/** A positioned table keeps its screen-reader-only texts (absolutely placed) inside the scrolling frame, instead of widening the page on a phone. */
const SR_ONLY_INSIDE = { position: "relative" } as const;

const revokeModal = createModal({ id: "revoquer-jeton", isOpenedByDefault: false });

/** The roles whose scripts read the platform's data (section 7.2); the API refuses the others anyway. */
export function mayHaveTokens(user: TMe): boolean {
  return user.roles.some((r) => (TOKEN_ROLES as readonly string[]).includes(r.role));
}

/** The indicators' scope the example reads: the person's widest. */
function exampleScope(user: TMe): string {
  if (user.roles.some((r) => r.role === "national" || r.role === "viewer")) return "national";
  const territory = user.roles.find((r) => r.role === "territory")?.territoryCode;
  return territory ? formatScope({ kind: "territory", code: territory }) : "national";
}

/**
 * "Jetons d'API": personal tokens for the scripts of the DIS, the ministry or
 * a territory, that read with the person's own rights (GET only). Each is
 * shown once, when it is created; the platform keeps only its fingerprint.
 */
export function ApiTokens({ user }: { user: TMe }) {
  const [attempt, setAttempt] = useState(0);
  const { state, retry } = useApiData((signal) => accountApi.tokens(signal), [attempt]);
  const [created, setCreated] = useState<TCreatedToken | null>(null);
  const [target, setTarget] = useState<TApiToken | null>(null);
  const [revoking, setRevoking] = useState<{ pending: boolean; error: unknown }>({ pending: false, error: null });
  const [revoked, setRevoked] = useState<{ label: string; count: number } | null>(null);
  const [shown, setShown] = useState<TApiToken[] | null>(null);
  useEffect(() => {
    if (state.status === "success") setShown(state.data);
  }, [state]);

  const confirmRevoke = async () => {
    if (!target) return;
    setRevoking({ pending: true, error: null });
    try {
      await accountApi.revokeToken(target.id);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        setRevoking({ pending: false, error });
        return;
      }
    }
    setRevoking({ pending: false, error: null });
    revokeModal.close();
    setRevoked((previous) => ({ label: target.label, count: (previous?.count ?? 0) + 1 }));
    if (created?.id === target.id) setCreated(null);
    setAttempt((n) => n + 1);
  };

  const tokens = state.status === "success" ? state.data : (shown ?? []);
  const listed = state.status === "success" || shown !== null;

  return (
    <section aria-labelledby="jetons" className="fr-mt-6w">
      {/* A fixed id: the email that warns of a token's expiry links to /profil#jetons. */}
      <h2 id="jetons" className="fr-h4">
        Jetons d'API
      </h2>
      <p>
        Un jeton permet à un script (tableur, entrepôt de données, programme) de lire les données de la plateforme avec vos droits, sans
        votre mot de passe. Il ne sert qu'à lire (requêtes GET) : il ne peut rien modifier. Il s'arrête à sa date d'expiration, un an au
        plus après sa création ; vous êtes prévenu·e par courriel une semaine avant.
      </p>
      {created ? (
        <NewToken token={created} scope={exampleScope(user)} onDone={() => setCreated(null)} />
      ) : (
        <CreateTokenForm
          onCreated={(token) => {
            setCreated(token);
            setAttempt((n) => n + 1);
          }}
        />
      )}
      <div role="status" aria-live="polite">
        {revoked && (
          <div key={revoked.count} className="fr-alert fr-alert--success fr-alert--sm fr-mt-3w">
            <p>{`Le jeton « ${revoked.label} » est révoqué : il ne permet plus aucune lecture.`}</p>
          </div>
        )}
      </div>
      <h3 className="fr-h6 fr-mt-4w">Vos jetons</h3>
      {state.status === "loading" && !listed && <Loading label="Chargement de vos jetons…" />}
      {state.status === "error" && <LoadError error={state.error} onRetry={retry} title="Impossible de charger vos jetons" as="h4" />}
      {listed && tokens.length === 0 && <p>Vous n'avez encore créé aucun jeton.</p>}
      {listed && tokens.length > 0 && (
        <ScrollTable caption="Vos jetons d'API" className="fr-table--no-caption" tableStyle={SR_ONLY_INSIDE} focusable>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Début du jeton</th>
              <th scope="col">Créé le</th>
              <th scope="col">Dernier jour</th>
              <th scope="col">Dernière utilisation</th>
              <th scope="col">État</th>
              <th scope="col">
                <span className="fr-sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.label}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{formatDateTime(t.createdAt)}</td>
                <td>{formatDay(t.expiresOn)}</td>
                <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Jamais"}</td>
                <td>
                  <TokenStatus token={t} />
                </td>
                <td>
                  {t.status === "active" && (
                    <Button
                      priority="tertiary"
                      size="small"
                      nativeButtonProps={{
                        ...revokeModal.buttonProps,
                        id: `revoquer-jeton-${t.id}`,
                        onClick: () => {
                          setRevoking({ pending: false, error: null });
                          setTarget(t);
                        },
                      }}
                    >
                      Révoquer
                      <span className="fr-sr-only">{` le jeton « ${t.label} »`}</span>
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </ScrollTable>
      )}
      <revokeModal.Component
        title={target ? `Révoquer le jeton « ${target.label} » ?` : "Révoquer le jeton ?"}
        titleAs="h2"
        buttons={[
          { children: "Annuler", priority: "secondary" },
          {
            children: revoking.pending ? "Révocation…" : "Révoquer le jeton",
            priority: "primary",
            doClosesModal: false,
            disabled: revoking.pending,
            onClick: () => void confirmRevoke(),
          },
        ]}
      >
        <p>
          Les scripts qui l'utilisent ne pourront plus rien lire, dès maintenant. C'est définitif : pour reprendre, créez un nouveau jeton
          et remplacez l'ancien dans vos scripts.
        </p>
        {revoking.error !== null && (
          <Alert small severity="error" title="Révocation impossible" description={errorMessage(revoking.error)} className="fr-mt-2w" />
        )}
      </revokeModal.Component>
    </section>
  );
}

function TokenStatus({ token }: { token: TApiToken }) {
  if (token.status === "revoked") {
    return (
      <Badge as="span" small severity="error" noIcon>
        Révoqué
      </Badge>
    );
  }
  if (token.status === "expired") {
    return (
      <Badge as="span" small noIcon>
        Expiré
      </Badge>
    );
  }
  if (expiresSoon(token.expiresOn)) {
    return (
      <Badge as="span" small severity="warning" noIcon>
        Expire bientôt
      </Badge>
    );
  }
  return (
    <Badge as="span" small severity="success" noIcon>
      Actif
    </Badge>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: TCreatedToken) => void }) {
  const [bounds] = useState(() => expiryBounds());
  const [failure, setFailure] = useState<unknown>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<TCreateTokenBody>({
    resolver: zodResolver(ZCreateTokenBody),
    defaultValues: { label: "", expiresOn: bounds.suggested },
    shouldFocusError: true,
  });

  useEffect(() => {
    if (failure !== null) failureRef.current?.focus();
  }, [failure]);

  const onSubmit = handleSubmit(async (body) => {
    setFailure(null);
    try {
      onCreated(await accountApi.createToken(body));
    } catch (error) {
      const fields = (error instanceof ApiError ? error.fieldErrors : []).filter((e) => e.field === "label" || e.field === "expiresOn");
      for (const e of fields) setError(e.field as keyof TCreateTokenBody, { message: e.message });
      const first = fields[0];
      if (first) setFocus(first.field as keyof TCreateTokenBody);
      else setFailure(error);
    }
  });

  const labelError = errors.label?.message;
  const expiryError = errors.expiresOn?.message;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Créer un jeton d'API" style={{ maxWidth: "32rem" }}>
      <div ref={failureRef} tabIndex={-1}>
        {failure !== null && (
          <Alert className="fr-mb-3w" severity="error" as="h3" title="Jeton non créé" description={errorMessage(failure)} />
        )}
      </div>
      <Input
        label="Nom du jeton"
        hintText="Pour le reconnaître dans la liste, par exemple : consolidation mensuelle de la DIS."
        state={labelError ? "error" : "default"}
        stateRelatedMessage={labelError}
        nativeInputProps={{ ...register("label"), maxLength: 80, required: true, "aria-invalid": labelError ? true : undefined }}
      />
      <Input
        label="Date d'expiration"
        hintText={`Dernier jour de validité, au plus tard le ${formatDay(bounds.max)}.`}
        state={expiryError ? "error" : "default"}
        stateRelatedMessage={expiryError}
        nativeInputProps={{
          ...register("expiresOn"),
          type: "date",
          min: bounds.min,
          max: bounds.max,
          required: true,
          "aria-invalid": expiryError ? true : undefined,
        }}
      />
      <Button type="submit" iconId="fr-icon-add-line" disabled={isSubmitting}>
        {isSubmitting ? "Création…" : "Créer le jeton"}
      </Button>
    </form>
  );
}
