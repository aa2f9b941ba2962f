import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { TUserSummary } from "@enquete/contract";
import { formatDateTime } from "../../../shared/format.ts";
import { roleText } from "./roleText.ts";

type Props = { users: readonly TUserSummary[]; territoryNames: ReadonlyMap<string, string> };

/** The platform's accounts, their roles in French and their last sign-in. */
export function UsersTable({ users, territoryNames }: Props) {
  return (
    <Table
      noCaption
      caption={`Comptes de la plateforme (${users.length})`}
      headers={["Adresse électronique", "Nom", "Rôles", "Dernière connexion"]}
      data={users.map((u) => [
        u.email,
        <UserName key="name" user={u} />,
        <UserRoles key="roles" user={u} territoryNames={territoryNames} />,
        u.lastLoginAt === null ? "Jamais" : formatDateTime(u.lastLoginAt),
      ])}
    />
  );
}

function UserName({ user }: { user: TUserSummary }) {
  return (
    <>
      {user.displayName}
      {!user.active && (
        <>
          {" "}
          <Badge as="span" small severity="warning">
            Désactivé
          </Badge>
        </>
      )}
    </>
  );
}

function UserRoles({ user, territoryNames }: { user: TUserSummary; territoryNames: ReadonlyMap<string, string> }) {
  if (user.roles.length === 0) return <>Aucun rôle</>;
  return (
    <ul className="fr-raw-list fr-m-0 fr-p-0">
      {user.roles.map((r) => {
        const text = roleText(r, territoryNames);
        return <li key={text}>{text}</li>;
      })}
    </ul>
  );
}
