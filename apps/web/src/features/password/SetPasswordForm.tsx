import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { PasswordInput } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import { type TLinkInfo, ZSetPasswordBody } from "@enquete/contract";
import { normalizeEmail } from "@enquete/domain";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import { z } from "zod";
import { ApiError, errorMessage } from "../../api/ApiError.ts";
import { accountApi } from "../../api/account.ts";
import { LOGIN_PATH } from "../auth/returnPath.ts";
import { useSession } from "../session/useSession.ts";
import { PasswordField, type ServerRefusal } from "./PasswordField.tsx";
import { passwordProblems } from "./passwordCheck.ts";

/** The new password as the API takes it, typed twice: the confirmation is the browser's business only. */
const ZSetPasswordForm = z
  .object({
    password: ZSetPasswordBody.shape.password,
    confirmation: z.string().min(1, "Saisissez une seconde fois le mot de passe."),
  })
  .refine((v) => v.password === v.confirmation, {
    path: ["confirmation"],
    message: "Les deux saisies ne sont pas identiques : tapez le même mot de passe dans les deux champs.",
  });
type TSetPasswordForm = z.infer<typeof ZSetPasswordForm>;

type Props = { secret: string; info: TLinkInfo; onGone: () => void };

export function SetPasswordForm({ secret, info, onGone }: Props) {
  const navigate = useNavigate();
  const { user, reload } = useSession();
  const [refusal, setRefusal] = useState<ServerRefusal | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [doneForOther, setDoneForOther] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    watch,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<TSetPasswordForm>({
    resolver: zodResolver(ZSetPasswordForm),
    defaultValues: { password: "", confirmation: "" },
    shouldFocusError: true,
  });
  const password = watch("password");
  const person = { email: info.email, displayName: info.displayName };

  useEffect(() => {
    if (failure !== null || doneForOther) alertRef.current?.focus();
  }, [failure, doneForOther]);

  const onSubmit = handleSubmit(async (body) => {
    setFailure(null);
    // The same policy as the server's, said before the round trip; the server checks again whatever happens here.
    const problems = await passwordProblems(body.password, person);
    if (problems.length > 0) {
      setRefusal({ password: body.password, problems });
      setFocus("password");
      return;
    }
    try {
      await accountApi.setPassword({ token: secret, password: body.password });
    } catch (error) {
      if (error instanceof ApiError && error.status === 410) return onGone();
      const reasons = error instanceof ApiError ? error.fieldErrors.filter((e) => e.field === "password").map((e) => e.message) : [];
      if (reasons.length > 0) {
        setRefusal({ password: body.password, problems: reasons });
        setFocus("password");
      } else {
        setFailure(error);
      }
      return;
    }
    if (user && normalizeEmail(user.email) !== normalizeEmail(info.email)) {
      // Someone else's account, set from a browser signed in as another person: that session goes on.
      setDoneForOther(true);
      return;
    }
    // Every session of the account has ended on the server: this browser's too, if it was signed in as that person.
    if (user) reload();
    navigate(LOGIN_PATH, { replace: true, state: { passwordSet: true } });
  });

  if (doneForOther) {
    return (
      <div ref={alertRef} tabIndex={-1}>
        <Alert
          severity="success"
          as="h2"
          title="Votre mot de passe est enregistré"
          description={`${info.displayName} peut maintenant se connecter avec l'adresse ${info.email} et ce mot de passe.`}
        />
      </div>
    );
  }

  const confirmationError = errors.confirmation?.message;

  return (
    <>
      <div ref={alertRef} tabIndex={-1}>
        {failure !== null && (
          <Alert className="fr-mb-4w" severity="error" as="h2" title="Mot de passe non enregistré" description={errorMessage(failure)} />
        )}
      </div>
      <form onSubmit={onSubmit} noValidate aria-label="Choisir le mot de passe">
        {/* For password managers: the account the new password belongs to (text, not email: "username" is valid there only). */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          aria-label="Adresse électronique du compte"
          value={info.email}
          readOnly
          hidden
        />
        <PasswordField
          label="Nouveau mot de passe"
          value={password}
          person={person}
          error={errors.password?.message}
          refusal={refusal}
          nativeInputProps={{ ...register("password"), required: true }}
        />
        <PasswordInput
          label="Confirmer le mot de passe"
          messagesHint=""
          messages={confirmationError ? [{ severity: "error", message: confirmationError }] : []}
          nativeInputProps={{
            ...register("confirmation"),
            autoComplete: "new-password",
            required: true,
            "aria-invalid": confirmationError ? true : undefined,
          }}
        />
        <Button type="submit" className="fr-mt-4w" disabled={isSubmitting}>
          {isSubmitting ? "Enregistrement…" : "Enregistrer le mot de passe"}
        </Button>
      </form>
    </>
  );
}
