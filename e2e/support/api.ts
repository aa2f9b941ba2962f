/** The API called the way a script would: sign in for a session cookie, then send it along. */
import { inject } from "vitest";
import { signInAt } from "./platform.ts";

export { PASSWORD } from "./platform.ts";

/** Signs in through the API and returns the session cookie to send back. */
export async function apiSignIn(email: string): Promise<string> {
  return await signInAt(inject("baseUrl"), email);
}

/** Calls the API with a session cookie; anything but a success throws. Returns the JSON answer, if any. */
export async function call(cookie: string, method: "GET" | "PUT" | "POST", path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${inject("baseUrl")}/api${path}`, {
    method,
    headers: body === undefined ? { cookie } : { cookie, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} : ${res.status} ${await res.text()}`);
  const text = await res.text();
  return text === "" ? undefined : JSON.parse(text);
}
