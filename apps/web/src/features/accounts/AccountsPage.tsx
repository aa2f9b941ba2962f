import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import type { TUserPage } from "@enquete/contract";
import { Link, useSearchParams } from "react-router";
import { usersApi } from "../../api/users.ts";
import { plural } from "../../shared/format.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { RoleOnly } from "../../shared/RoleOnly.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { AccountsFilters } from "./AccountsFilters.tsx";
import { AccountsTable } from "./AccountsTable.tsx";
import { filtersOf, isFiltered, type ListFilters, PARAMS, queryOf, withParam } from "./listQuery.ts";
import { ACCOUNTS_PAGE_SIZE, ACCOUNTS_PATH, ACCOUNTS_TITLE, NEW_ACCOUNT_PATH } from "./paths.ts";
import { loadScopes, type Scopes } from "./scopes.ts";
import { useLatestData } from "./useLatestData.ts";

/** The administrators' list of every account: searched, filtered, 25 a page. */
export function AccountsPage() {
  const [search] = useSearchParams();
  const page = filtersOf(search).page;
  useDocumentTitle(page > 1 ? `${ACCOUNTS_TITLE} (page ${page})` : ACCOUNTS_TITLE);
  return (
    <div className="fr-container fr-mb-4w">
      <Breadcrumb currentPageLabel={ACCOUNTS_TITLE} segments={[{ label: "Tableau de bord", linkProps: { to: "/" } }]} />
      <PageHeading>{ACCOUNTS_TITLE}</PageHeading>
      <RoleOnly forRole="admin" reason="Seuls les administrateurs de la plateforme gèrent les comptes.">
        <AccountsContent />
      </RoleOnly>
    </div>
  );
}

function AccountsContent() {
  const [search, setSearch] = useSearchParams();
  const filters = filtersOf(search);
  const scopes = useApiData(loadScopes, []);
  const list = useLatestData((signal) => usersApi.list(queryOf(filters), signal), [search.toString()]);
  // The whole platform's count, for "3 comptes sur 116".
  const all = useApiData((signal) => usersApi.list({ limit: 1 }, signal), []);

  const change = (key: string, value: string, typing = false) => {
    let next = withParam(search, key, value);
    // An atelier of another territory than the one just chosen is no longer a choice.
    if (key === PARAMS.territory && value && scopes.state.status === "success") {
      const atelier = scopes.state.data.ateliers.find((a) => a.code === filters.atelier);
      if (atelier && atelier.territoryCode !== value) next = withParam(next, PARAMS.atelier, "");
    }
    setSearch(next, { replace: typing });
  };

  return (
    <div aria-busy={list.state.status === "loading"}>
      <p>
        Chaque compte reçoit ses rôles ici. Une personne invitée choisit son mot de passe grâce au lien reçu par courriel ; un compte
        désactivé ne peut plus se connecter.
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
        <li>
          <Link className="fr-btn fr-icon-user-add-line" to={NEW_ACCOUNT_PATH}>
            Créer un compte
          </Link>
        </li>
      </ul>
      <AccountsFilters filters={filters} scopes={scopes.state.status === "success" ? scopes.state.data : null} onChange={change} />
      {scopes.state.status === "error" && (
        <LoadError
          as="h2"
          title="Impossible de charger les ateliers et les directions territoriales"
          error={scopes.state.error}
          onRetry={scopes.retry}
        />
      )}
      {list.state.status === "error" && (
        <LoadError as="h2" title="Impossible de charger les comptes" error={list.state.error} onRetry={list.retry} />
      )}
      {list.data === null ? (
        list.state.status === "loading" && <Loading label="Chargement des comptes…" />
      ) : (
        <AccountsView
          data={list.data}
          filters={filters}
          overall={all.state.status === "success" ? all.state.data.total : null}
          scopes={scopes.state.status === "success" ? scopes.state.data : null}
          pageHref={(n) => `${ACCOUNTS_PATH}?${withParam(search, PARAMS.page, n > 1 ? String(n) : "")}`}
        />
      )}
    </div>
  );
}

type ViewProps = {
  data: TUserPage;
  filters: ListFilters;
  overall: number | null;
  scopes: Scopes | null;
  pageHref: (page: number) => string;
};

function AccountsView({ data, filters, overall, scopes, pageHref }: ViewProps) {
  // The page of the data on screen: while the next one loads, it is still the previous one.
  const page = Math.floor(data.offset / ACCOUNTS_PAGE_SIZE) + 1;
  const pages = Math.max(1, Math.ceil(data.total / ACCOUNTS_PAGE_SIZE));
  const filtered = isFiltered(filters);
  const count =
    filtered && overall !== null ? `${plural(data.total, "compte")} sur ${overall.toLocaleString("fr-FR")}` : plural(data.total, "compte");
  const range = `${data.offset + 1} à ${data.offset + data.items.length}`;

  return (
    <>
      <p role="status" aria-live="polite" className="fr-mb-2w">
        {data.total === 0 ? "Aucun compte ne correspond à ces critères." : count}
        {data.total > 0 && pages > 1 && data.items.length > 0 && ` ; page ${page} sur ${pages}`}
      </p>
      {data.total === 0 ? (
        filtered && (
          <p>
            <Link to={ACCOUNTS_PATH}>Effacer la recherche et les filtres</Link>
          </p>
        )
      ) : data.items.length === 0 ? (
        <p>
          Cette page n'existe pas : il y a {plural(pages, "page")} de comptes. <Link to={pageHref(pages)}>Aller à la dernière page</Link>
        </p>
      ) : (
        <AccountsTable
          users={data.items}
          names={scopes?.names ?? null}
          caption={`Comptes ${range} sur ${data.total.toLocaleString("fr-FR")}, par nom (page ${page} sur ${pages})`}
        />
      )}
      {pages > 1 && data.items.length > 0 && (
        <Pagination count={pages} defaultPage={page} getPageLinkProps={(n) => ({ to: pageHref(n) })} showFirstLast />
      )}
    </>
  );
}
