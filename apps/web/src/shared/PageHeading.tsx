import { type ReactNode, useEffect, useRef } from "react";
import { useLocation } from "react-router";
import { STARTUP_LOCATION_KEY } from "./startupLocation.ts";

/**
 * Did the person act on the page (click, key press) before this navigation?
 * A redirect made on arrival (say / to /connexion) must leave the focus at the
 * top of the document, where the skip links are.
 */
function personHasActed(): boolean {
  const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation;
  return activation ? activation.hasBeenActive : true;
}

/**
 * The page's one h1. After a navigation inside the app it takes the focus, so
 * keyboard and screen reader users start reading the new page at its title.
 */
export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  const isFirstPage = location.key === STARTUP_LOCATION_KEY;

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the heading appears
  useEffect(() => {
    if (!isFirstPage && personHasActed()) ref.current?.focus();
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} className={className}>
      {children}
    </h1>
  );
}
