import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { ACCOUNT_STATUS_LABELS, ACCOUNT_STATUSES, ROLE_LABELS, ROLES } from "@enquete/domain";
import { type ListFilters, PARAMS } from "./listQuery.ts";
import type { Scopes } from "./scopes.ts";

type Props = {
  filters: ListFilters;
  /** null while the referential loads: the territory and atelier filters wait for it. */
  scopes: Scopes | null;
  /** `typing`: a keystroke of the search replaces the history entry instead of adding one. */
  onChange: (key: string, value: string, typing?: boolean) => void;
};

/** The search and the four filters of the accounts list. */
export function AccountsFilters({ filters, scopes, onChange }: Props) {
  const ateliers = (scopes?.ateliers ?? []).filter((a) => !filters.territory || a.territoryCode === filters.territory);
  return (
    <search aria-label="Rechercher des comptes" className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
      <div className="fr-col-12">
        <Input
          label="Rechercher un nom ou une adresse"
          className="fr-mb-0"
          nativeInputProps={{
            type: "search",
            value: filters.q,
            onChange: (e) => onChange(PARAMS.q, e.target.value, true),
            autoComplete: "off",
            spellCheck: false,
          }}
        />
      </div>
      <div className="fr-col-12 fr-col-sm-6 fr-col-lg-3">
        <Select
          label="Rôle"
          className="fr-mb-0"
          nativeSelectProps={{ value: filters.role, onChange: (e) => onChange(PARAMS.role, e.target.value) }}
        >
          <option value="">Tous les rôles</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
      </div>
      <div className="fr-col-12 fr-col-sm-6 fr-col-lg-3">
        <Select
          label="Direction territoriale"
          className="fr-mb-0"
          disabled={scopes === null}
          nativeSelectProps={{ value: filters.territory, onChange: (e) => onChange(PARAMS.territory, e.target.value) }}
        >
          <option value="">Toutes les directions territoriales</option>
          {scopes?.territories.map((t) => (
            <option key={t.code} value={t.code}>
              {t.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="fr-col-12 fr-col-sm-6 fr-col-lg-3">
        <Select
          label="Atelier"
          className="fr-mb-0"
          disabled={scopes === null}
          nativeSelectProps={{ value: filters.atelier, onChange: (e) => onChange(PARAMS.atelier, e.target.value) }}
        >
          <option value="">Tous les ateliers</option>
          {ateliers.map((a) => (
            <option key={a.code} value={a.code}>
              {a.code} – {a.city}
            </option>
          ))}
        </Select>
      </div>
      <div className="fr-col-12 fr-col-sm-6 fr-col-lg-3">
        <Select
          label="État"
          className="fr-mb-0"
          nativeSelectProps={{ value: filters.status, onChange: (e) => onChange(PARAMS.status, e.target.value) }}
        >
          <option value="">Tous les états</option>
          {ACCOUNT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ACCOUNT_STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
      </div>
    </search>
  );
}
