/**
 * The router's key of the history entry the app started on (react-router keeps
 * it in history.state; "default" for a fresh entry). Read once, when the main
 * bundle runs, so that a reload is not mistaken for a navigation.
 */
export const STARTUP_LOCATION_KEY: string =
  (typeof history.state === "object" && history.state !== null && typeof history.state.key === "string" ? history.state.key : null) ??
  "default";
