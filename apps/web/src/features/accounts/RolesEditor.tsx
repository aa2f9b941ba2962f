import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { TRoleGrant } from "@enquete/contract";
import { grantKey, ROLE_LABELS, ROLES, type Role } from "@enquete/domain";
import { type Ref, useId, useRef, useState } from "react";
import { roleLine } from "../profile/roleLines.ts";
import type { Scopes } from "./scopes.ts";

type Props = {
  roles: readonly TRoleGrant[];
  onChange: (roles: TRoleGrant[]) => void;
  scopes: Scopes;
  /** The message of each role line the server or the schema refused, by its index. */
  lineErrors?: readonly (string | undefined)[];
  /** A refusal of the list as a whole ("Donnez au moins un rôle."). */
  listError?: string;
  /** Lets the form put the focus here when the roles are what is wrong. */
  focusRef?: Ref<HTMLSelectElement>;
};

/** The roles that take a scope, and which: the others (national, admin, viewer) cover the whole network. */
const SCOPE_OF: Partial<Record<Role, "atelier" | "territory">> = { atelier: "atelier", territory: "territory" };

/**
 * An atelier by its code and city ("86 – Poitiers"): every name starts with
 * "Atelier Canopé", so typing the code picks it from the keyboard.
 */
const optionText = (s: { code: string; name: string; city?: string }) => (s.city ? `${s.code} – ${s.city}` : s.name);

const sameGrant = (a: TRoleGrant, b: TRoleGrant) => grantKey(a) === grantKey(b);

/**
 * The roles of an account, one line each: a director of several ateliers has
 * one line per atelier. A role is chosen, then its atelier or territory, then
 * added; each line can be taken away. Used to create an account and to change
 * its roles.
 */
export function RolesEditor({ roles, onChange, scopes, lineErrors = [], listError, focusRef }: Props) {
  const legendId = useId();
  const [role, setRole] = useState<Role | "">("");
  const [scope, setScope] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [said, setSaid] = useState("");
  const roleSelect = useRef<HTMLSelectElement | null>(null);
  const scopeKind = role === "" ? undefined : SCOPE_OF[role];
  const describe = (g: TRoleGrant) => roleLine(g, scopes.names);

  const grantOf = (): TRoleGrant | string => {
    if (role === "") return "Choisissez un rôle.";
    if (scopeKind === "atelier") return scope ? { role, atelierCode: scope } : "Choisissez l'atelier de ce rôle.";
    if (scopeKind === "territory") return scope ? { role, territoryCode: scope } : "Choisissez la direction territoriale de ce rôle.";
    return { role };
  };

  const add = () => {
    const grant = grantOf();
    if (typeof grant === "string") return setProblem(grant);
    if (roles.some((g) => sameGrant(g, grant))) return setProblem(`Ce compte a déjà le rôle « ${describe(grant)} ».`);
    onChange([...roles, grant]);
    setProblem(null);
    // The role stays chosen: the next atelier of the same director is one choice away.
    setScope("");
    setSaid(`Rôle ajouté : ${describe(grant)}.`);
  };

  const remove = (index: number) => {
    const removed = roles[index];
    onChange(roles.filter((_, i) => i !== index));
    if (removed) setSaid(`Rôle retiré : ${describe(removed)}.`);
    // Its button is gone: the focus goes on from the choice of a role.
    roleSelect.current?.focus();
  };

  // An atelier (or territory) this role already covers is not offered twice.
  const taken = new Set(roles.filter((g) => g.role === role).map((g) => g.atelierCode ?? g.territoryCode));

  return (
    <fieldset className="fr-fieldset" aria-labelledby={legendId}>
      <legend id={legendId} className="fr-fieldset__legend">
        Rôles
        <span className="fr-hint-text">
          Une ligne par rôle : choisissez le rôle, puis son atelier ou sa direction territoriale, et ajoutez-le. Une direction d'atelier qui
          dirige plusieurs ateliers a une ligne par atelier.
        </span>
      </legend>
      <div className="fr-fieldset__element">
        {roles.length === 0 ? (
          <p className={listError ? "fr-error-text fr-mt-0" : "fr-mb-2w"}>{listError ?? "Aucun rôle pour l'instant."}</p>
        ) : (
          <>
            {listError && <p className="fr-error-text fr-mt-0">{listError}</p>}
            <ul className="fr-raw-list fr-mb-2w">
              {roles.map((g, i) => (
                <li key={`${g.role}-${g.atelierCode ?? ""}-${g.territoryCode ?? ""}`} className="fr-mb-1w">
                  <span>{describe(g)}</span>{" "}
                  <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" onClick={() => remove(i)}>
                    Retirer<span className="fr-sr-only"> le rôle {describe(g)}</span>
                  </Button>
                  {lineErrors[i] && <p className="fr-error-text fr-mt-1v">{lineErrors[i]}</p>}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="fr-fieldset__element">
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-5">
            <Select
              label="Rôle"
              className="fr-mb-0"
              nativeSelectProps={{
                value: role,
                ref: (el: HTMLSelectElement | null) => {
                  roleSelect.current = el;
                  if (typeof focusRef === "function") focusRef(el);
                  else if (focusRef) focusRef.current = el;
                },
                onChange: (e) => {
                  setRole(e.target.value as Role | "");
                  setScope("");
                  setProblem(null);
                },
              }}
            >
              <option value="">Choisissez un rôle</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </Select>
          </div>
          {scopeKind && (
            <div className="fr-col-12 fr-col-md-4">
              <Select
                label={scopeKind === "atelier" ? "Atelier" : "Direction territoriale"}
                className="fr-mb-0"
                nativeSelectProps={{
                  value: scope,
                  onChange: (e) => {
                    setScope(e.target.value);
                    setProblem(null);
                  },
                }}
              >
                <option value="">{scopeKind === "atelier" ? "Choisissez un atelier" : "Choisissez une direction territoriale"}</option>
                {(scopeKind === "atelier" ? scopes.ateliers : scopes.territories)
                  .filter((s) => !taken.has(s.code))
                  .map((s) => (
                    <option key={s.code} value={s.code}>
                      {optionText(s)}
                    </option>
                  ))}
              </Select>
            </div>
          )}
          <div className="fr-col-12 fr-col-md-3">
            <Button type="button" priority="secondary" iconId="fr-icon-add-line" onClick={add}>
              Ajouter ce rôle
            </Button>
          </div>
        </div>
        {problem && (
          <p className="fr-error-text" role="alert">
            {problem}
          </p>
        )}
        <p role="status" aria-live="polite" className="fr-sr-only">
          {said}
        </p>
      </div>
    </fieldset>
  );
}
