import type { TLoginBody, TMe } from "@enquete/contract";
import { createContext } from "react";

export type SessionState =
  | { status: "loading" }
  | { status: "error"; error: unknown }
  /** `expired`: the session ended on the server while the app was open. */
  | { status: "ready"; user: TMe | null; expired?: boolean };

export type SignOutOptions = {
  /** Also ends every other session of the person, on every device ("Se déconnecter de tous les appareils"). */
  allDevices?: boolean;
};

export type Session = {
  state: SessionState;
  /** The signed-in person, null when nobody is (or not known yet). */
  user: TMe | null;
  signIn: (body: TLoginBody) => Promise<TMe>;
  signOut: (options?: SignOutOptions) => Promise<void>;
  reload: () => void;
};

export const SessionContext = createContext<Session | null>(null);
