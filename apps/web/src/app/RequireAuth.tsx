import { Navigate, Outlet, useLocation } from "react-router";
import { loginPathFor } from "../features/auth/returnPath.ts";
import { useSession } from "../features/session/useSession.ts";

/** Pages for signed-in people only: others are sent to sign in, and brought back afterwards. */
export function RequireAuth() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status !== "ready") return null; // the layout shows the wait or the failure
  if (!state.user) {
    return (
      // The fragment too: an email's /profil#jetons comes back to its section after sign-in.
      <Navigate
        to={loginPathFor(`${location.pathname}${location.search}${location.hash}`)}
        replace
        state={state.expired ? { expired: true } : undefined}
      />
    );
  }
  return <Outlet />;
}
