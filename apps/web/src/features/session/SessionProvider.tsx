import type { TLoginBody, TMe } from "@enquete/contract";
import { type ReactNode, startTransition, useCallback, useEffect, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { isAbort } from "../../api/ApiError.ts";
import { accountApi } from "../../api/account.ts";
import { ApiError, api, setUnauthorizedHandler } from "../../api/client.ts";
import { LOGIN_PATH, loginPathFor } from "../auth/returnPath.ts";
import { type Session, SessionContext, type SessionState, type SignOutOptions } from "./sessionContext.ts";

/** Knows who is signed in (GET /api/me), and signs people in and out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [state, setState] = useState<SessionState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the trigger of a new check
  useEffect(() => {
    const controller = new AbortController();
    api
      .me(controller.signal)
      .then((user) => setState({ status: "ready", user }))
      .catch((error: unknown) => {
        if (isAbort(error)) return;
        if (error instanceof ApiError && error.status === 401) setState({ status: "ready", user: null });
        else setState({ status: "error", error });
      });
    return () => controller.abort();
  }, [attempt]);

  // A session that expires while the app is open: back to sign-in, then back here.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      const here = `${window.location.pathname}${window.location.search}`;
      // One transition for both updates: the router renders its navigations as transitions, and
      // a separate urgent update would let the page guard redirect first, without the return path.
      startTransition(() => {
        setState({ status: "ready", user: null, expired: true });
        if (window.location.pathname !== LOGIN_PATH) {
          navigate(loginPathFor(here), { replace: true, state: { expired: true } });
        }
      });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate]);

  const signIn = useCallback(async (body: TLoginBody) => {
    const user: TMe = await api.login(body);
    setState({ status: "ready", user });
    return user;
  }, []);

  const signOut = useCallback(
    async (options: SignOutOptions = {}) => {
      try {
        await accountApi.logout(options.allDevices ? { allDevices: true } : {});
      } catch (error) {
        // An already expired session is as good as a closed one.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
      startTransition(() => {
        setState({ status: "ready", user: null });
        navigate(LOGIN_PATH, { replace: true });
      });
    },
    [navigate],
  );

  const reload = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((n) => n + 1);
  }, []);

  const session = useMemo<Session>(
    () => ({ state, user: state.status === "ready" ? state.user : null, signIn, signOut, reload }),
    [state, signIn, signOut, reload],
  );

  return <SessionContext value={session}>{children}</SessionContext>;
}
