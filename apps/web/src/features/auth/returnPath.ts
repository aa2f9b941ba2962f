export const LOGIN_PATH = "/connexion";
const RETURN_PARAM = "retour";

/** Where to go after signing in: a path of this app only, never another site. */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value === LOGIN_PATH || value.startsWith(`${LOGIN_PATH}?`) || value.startsWith(`${LOGIN_PATH}/`)) return "/";
  return value;
}

/** The sign-in page's address, remembering where the person was going. */
export function loginPathFor(returnTo: string): string {
  const target = safeReturnPath(returnTo);
  return target === "/" ? LOGIN_PATH : `${LOGIN_PATH}?${new URLSearchParams({ [RETURN_PARAM]: target })}`;
}

export function returnPathFrom(search: URLSearchParams): string {
  return safeReturnPath(search.get(RETURN_PARAM));
}
