import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Select } from "@codegouvfr/react-dsfr/Select";
import type { TAuditPage } from "@enquete/contract";
import { Link, useSearchParams } from "react-router";
import { type AuditQuery, fetchAudit } from "../../api/audit.ts";
import { formatDay, plural } from "../../shared/format.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { RoleOnly } from "../../shared/RoleOnly.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { loadScopes } from "../accounts/scopes.ts";
import { useLatestData } from "../accounts/useLatestData.ts";
import type { ScopeNames } from "../profile/roleLines.ts";
import { AuditTable } from "./AuditTable.tsx";
import { AUDIT_PAGE_SIZE, AUDIT_PATH, AUDIT_TITLE, AUDIT_PARAMS as P } from "./paths.ts";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

type Filters = { actor: string; action: string; subject: string; from: string; to: string; page: number };

function filtersOf(search: URLSearchParams): Filters {
  const day = (key: string) => (DAY.test(search.get(key) ?? "") ? (search.get(key) as string) : "");
  const page = /^\d{1,6}$/.test(search.get(P.page) ?? "") ? Number(search.get(P.page)) : 1;
  return {
    actor: search.get(P.actor) ?? "",
    action: search.get(P.action) ?? "",
    subject: search.get(P.subject) ?? "",
    from: day(P.from),
    to: day(P.to),
    page: Math.max(page, 1),
  };
}

function queryOf(f: Filters): AuditQuery {
  return {
    actor: f.actor.trim() || undefined,
    action: f.action || undefined,
    subject: f.subject || undefined,
    from: f.from || undefined,
    to: f.to || undefined,
    limit: AUDIT_PAGE_SIZE,
    offset: (f.page - 1) * AUDIT_PAGE_SIZE,
  };
}

/** The address with one filter changed; any change of the filters starts again at their first page. */
function withParam(search: URLSearchParams, key: string, value: string): URLSearchParams {
  const next = new URLSearchParams(search);
  if (value) next.set(key, value);
  else next.delete(key);
  if (key !== P.page) next.delete(P.page);
  return next;
}

/** Every administrative action of the platform: who did what, when, with what before and after. */
export function AuditPage() {
  const [search] = useSearchParams();
  const page = filtersOf(search).page;
  useDocumentTitle(page > 1 ? `${AUDIT_TITLE} (page ${page})` : AUDIT_TITLE);
  return (
    <div className="fr-container fr-mb-4w">
      <Breadcrumb currentPageLabel={AUDIT_TITLE} segments={[{ label: "Tableau de bord", linkProps: { to: "/" } }]} />
      <PageHeading>{AUDIT_TITLE}</PageHeading>
      <RoleOnly forRole="admin" reason="Seuls les administrateurs de la plateforme consultent le journal des actions.">
        <AuditContent />
      </RoleOnly>
    </div>
  );
}

function AuditContent() {
  const [search, setSearch] = useSearchParams();
  const filters = filtersOf(search);
  const journal = useLatestData((signal) => fetchAudit(queryOf(filters), signal), [search.toString()]);
  // Names of ateliers and territories, for the roles in the details; the journal reads without them.
  const scopes = useApiData(loadScopes, []);
  const names = scopes.state.status === "success" ? scopes.state.data.names : undefined;
  const change = (key: string, value: string, typing = false) => setSearch(withParam(search, key, value), { replace: typing });
  const actions = journal.data?.actions ?? [];

  return (
    <div aria-busy={journal.state.status === "loading"}>
      <p>
        Chaque action sur les comptes, les accès, le référentiel et les paramètres y est inscrite au moment où elle est faite, avec son
        auteur et l'état avant et après. Les heures sont celles de Paris.
      </p>
      <search aria-label="Filtrer le journal" className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Personne"
            hintText="Nom ou adresse électronique de l'auteur"
            className="fr-mb-0"
            nativeInputProps={{
              type: "search",
              value: filters.actor,
              onChange: (e) => change(P.actor, e.target.value, true),
              autoComplete: "off",
              spellCheck: false,
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select
            label="Action"
            className="fr-mb-0"
            nativeSelectProps={{ value: filters.action, onChange: (e) => change(P.action, e.target.value) }}
          >
            <option value="">Toutes les actions</option>
            {filters.action && !actions.some((a) => a.action === filters.action) && (
              <option value={filters.action}>{filters.action}</option>
            )}
            {actions.map((a) => (
              <option key={a.action} value={a.action}>
                {a.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-sm-6 fr-col-md-3">
          <Input
            label="Du"
            hintText="Premier jour inclus"
            className="fr-mb-0"
            nativeInputProps={{
              type: "date",
              value: filters.from,
              max: filters.to || undefined,
              onChange: (e) => change(P.from, e.target.value),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-sm-6 fr-col-md-3">
          <Input
            label="Au"
            hintText="Dernier jour inclus"
            className="fr-mb-0"
            nativeInputProps={{
              type: "date",
              value: filters.to,
              min: filters.from || undefined,
              onChange: (e) => change(P.to, e.target.value),
            }}
          />
        </div>
      </search>
      {filters.subject && (
        <p>
          Actions sur : <strong>{journal.data?.items[0]?.subjectLabel ?? filters.subject}</strong>.{" "}
          <Link to={`${AUDIT_PATH}?${withParam(search, P.subject, "")}`}>Voir les actions sur tout le reste aussi</Link>
        </p>
      )}
      {journal.state.status === "error" && (
        <LoadError as="h2" title="Impossible de charger le journal" error={journal.state.error} onRetry={journal.retry} />
      )}
      {journal.data === null ? (
        journal.state.status === "loading" && <Loading label="Chargement du journal…" />
      ) : (
        <AuditView
          data={journal.data}
          filters={filters}
          names={names}
          pageHref={(n) => `${AUDIT_PATH}?${withParam(search, P.page, n > 1 ? String(n) : "")}`}
        />
      )}
    </div>
  );
}

type ViewProps = { data: TAuditPage; filters: Filters; names?: ScopeNames; pageHref: (page: number) => string };

function AuditView({ data, filters, names, pageHref }: ViewProps) {
  // The page of the data on screen: while the next one loads, it is still the previous one.
  const page = Math.floor(data.offset / AUDIT_PAGE_SIZE) + 1;
  const pages = Math.max(1, Math.ceil(data.total / AUDIT_PAGE_SIZE));
  const filtered = Boolean(filters.actor.trim() || filters.action || filters.subject || filters.from || filters.to);
  const range = `${data.offset + 1} à ${data.offset + data.items.length} sur ${data.total.toLocaleString("fr-FR")}`;
  const period =
    filters.from && filters.to
      ? ` du ${formatDay(filters.from)} au ${formatDay(filters.to)}`
      : filters.from
        ? ` depuis le ${formatDay(filters.from)}`
        : filters.to
          ? ` jusqu'au ${formatDay(filters.to)}`
          : "";

  return (
    <>
      <p role="status" aria-live="polite" className="fr-mb-2w">
        {data.total === 0
          ? filtered
            ? "Aucune action ne correspond à ces critères."
            : "Aucune action n'est encore inscrite au journal."
          : `${plural(data.total, "action")}${period}${pages > 1 && data.items.length > 0 ? ` ; page ${page} sur ${pages}` : ""}`}
      </p>
      {data.total === 0 ? (
        filtered && (
          <p>
            <Link to={AUDIT_PATH}>Effacer les filtres</Link>
          </p>
        )
      ) : data.items.length === 0 ? (
        <p>
          Cette page n'existe pas : il y a {plural(pages, "page")}. <Link to={pageHref(pages)}>Aller à la dernière page</Link>
        </p>
      ) : (
        <AuditTable
          events={data.items}
          names={names}
          caption={`Actions de la plus récente à la plus ancienne : ${range} (page ${page} sur ${pages})`}
        />
      )}
      {pages > 1 && data.items.length > 0 && (
        <Pagination count={pages} defaultPage={page} getPageLinkProps={(n) => ({ to: pageHref(n) })} showFirstLast />
      )}
    </>
  );
}
