import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import type { TCreatedToken } from "@enquete/contract";
import { useEffect, useRef, useState } from "react";
import { formatDay } from "../../shared/format.ts";

type Props = { token: TCreatedToken; scope: string; onDone: () => void };

type Copy = { status: "copied" | "failed"; count: number } | null;

/**
 * The token itself, this once: the platform keeps only its fingerprint, so
 * neither this page nor anyone can show it again. Read-only, to be copied.
 */
export function NewToken({ token, scope, onDone }: Props) {
  const panelRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<Copy>(null);
  const example = `curl -H "Authorization: Bearer ${token.token}" "${window.location.origin}/api/indicators?scope=${scope}&year=${new Date().getFullYear()}"`;

  useEffect(() => {
    panelRef.current?.focus();
  }, []);

  const copyToken = async () => {
    const next = (status: "copied" | "failed") => setCopy((previous) => ({ status, count: (previous?.count ?? 0) + 1 }));
    try {
      // The clipboard API needs a secure context (https or localhost); elsewhere, the old way.
      if (navigator.clipboard) await navigator.clipboard.writeText(token.token);
      else {
        inputRef.current?.select();
        if (!document.execCommand("copy")) throw new Error("copy");
      }
      next("copied");
    } catch {
      inputRef.current?.select();
      next("failed");
    }
  };

  return (
    <div ref={panelRef} tabIndex={-1} className="fr-mb-3w">
      <Alert
        severity="warning"
        as="h3"
        title={`Jeton « ${token.label} » créé : copiez-le maintenant`}
        description={`Il ne sera plus jamais affiché, ni ici ni ailleurs. Gardez-le comme un mot de passe : quiconque le détient lit les données avec vos droits, jusqu'au ${formatDay(token.expiresOn)} inclus.`}
      />
      <Input
        className="fr-mt-3w"
        label="Votre nouveau jeton"
        nativeInputProps={{
          ref: inputRef,
          value: token.token,
          readOnly: true,
          spellCheck: false,
          autoComplete: "off",
          onFocus: (e) => e.currentTarget.select(),
          style: { fontFamily: "monospace" },
        }}
      />
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--left">
        <li>
          <Button priority="primary" onClick={() => void copyToken()}>
            Copier
          </Button>
        </li>
        <li>
          <Button priority="secondary" onClick={onDone}>
            J'ai copié mon jeton
          </Button>
        </li>
      </ul>
      <div role="status" aria-live="polite">
        {copy?.status === "copied" && (
          <p key={copy.count} className="fr-message fr-message--valid">
            Jeton copié dans le presse-papiers.
          </p>
        )}
        {copy?.status === "failed" && (
          <p key={copy.count} className="fr-message fr-message--error">
            Copie automatique impossible : le jeton est sélectionné, copiez-le avec Ctrl+C (⌘+C sur Mac).
          </p>
        )}
      </div>
      <p className="fr-mt-2w fr-mb-1w">Par exemple, pour lire les indicateurs de cette année depuis un terminal :</p>
      <pre className="fr-text--sm fr-mb-0" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        <code>{example}</code>
      </pre>
    </div>
  );
}
