import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { useEffect, useState } from "react";
import { useLocation } from "react-router";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useSession } from "../session/useSession.ts";
import { ApiTokens, mayHaveTokens } from "./ApiTokens.tsx";
import { EmailPreferences } from "./EmailPreferences.tsx";
import { Identity } from "./Identity.tsx";
import { PasswordChange } from "./PasswordChange.tsx";
import { Sessions } from "./Sessions.tsx";

/** The signed-in person's profile: who they are, their password, sessions and API tokens, and which emails they receive. */
export function ProfilePage() {
  useDocumentTitle("Mon profil");
  const { user } = useSession();
  const { hash } = useLocation();
  // A password change ends the other sessions: the list is read again.
  const [sessionsVersion, setSessionsVersion] = useState(0);

  // An address with a section (/profil#jetons, from the expiry email): the router does not scroll to it by itself.
  useEffect(() => {
    const id = decodeURIComponent(hash.replace(/^#/, ""));
    if (id) document.getElementById(id)?.scrollIntoView();
  }, [hash]);

  if (!user) return null; // RequireAuth guarantees a user; this only narrows the type

  return (
    <div className="fr-container fr-mb-4w">
      <Breadcrumb currentPageLabel="Mon profil" segments={[{ label: "Tableau de bord", linkProps: { to: "/" } }]} />
      <PageHeading>Mon profil</PageHeading>
      <Identity user={user} />
      <PasswordChange user={user} onChanged={() => setSessionsVersion((n) => n + 1)} />
      <Sessions version={sessionsVersion} />
      {mayHaveTokens(user) && <ApiTokens user={user} />}
      <EmailPreferences email={user.email} />
    </div>
  );
}
