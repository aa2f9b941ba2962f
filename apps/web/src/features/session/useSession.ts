import { useContext } from "react";
import { type Session, SessionContext } from "./sessionContext.ts";

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession doit être appelé sous <SessionProvider>.");
  return session;
}
