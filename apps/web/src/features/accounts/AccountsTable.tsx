import type { TUserSummary } from "@enquete/contract";
import { Link } from "react-router";
import { formatDateTime } from "../../shared/format.ts";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { NO_NAMES, roleLine, type ScopeNames } from "../profile/roleLines.ts";
import { accountPath } from "./paths.ts";
import { StatusBadge } from "./StatusBadge.tsx";

type Props = { users: readonly TUserSummary[]; names: ScopeNames | null; caption: string };

/** One page of accounts: each name opens its account. */
export function AccountsTable({ users, names, caption }: Props) {
  return (
    <ScrollTable caption={caption} className="fr-table--bordered" focusable>
      <thead>
        <tr>
          <th scope="col">Nom</th>
          <th scope="col">Adresse électronique</th>
          <th scope="col">Rôles</th>
          <th scope="col">État</th>
          <th scope="col">Dernière connexion</th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr key={u.id}>
            <th scope="row">
              <Link to={accountPath(u.id)}>{u.displayName}</Link>
            </th>
            <td>{u.email}</td>
            <td>
              {u.roles.length === 0 ? (
                "Aucun rôle"
              ) : (
                <ul className="fr-raw-list fr-m-0 fr-p-0">
                  {u.roles.map((r) => {
                    const text = roleLine(r, names ?? NO_NAMES);
                    return <li key={text}>{text}</li>;
                  })}
                </ul>
              )}
            </td>
            <td>
              <StatusBadge status={u.status} />
            </td>
            <td>{u.lastLoginAt === null ? "Jamais" : formatDateTime(u.lastLoginAt)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}
