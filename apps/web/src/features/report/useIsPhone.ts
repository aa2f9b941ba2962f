import { useSyncExternalStore } from "react";

// DSFR's "sm" breakpoint (36em): below it, a phone.
const PHONE = "(max-width: 35.99em)";

/** Whether the page is as narrow as a phone now (it follows a rotation or a resized window). */
export function useIsPhone(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(PHONE);
      query.addEventListener("change", onChange);
      return () => query.removeEventListener("change", onChange);
    },
    () => window.matchMedia(PHONE).matches,
  );
}
