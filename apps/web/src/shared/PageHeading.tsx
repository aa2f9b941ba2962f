import { type ReactNode, useEffect, useRef } from "react";
import { useLocation } from "react-router";

/**
 * The page's one h1. After a navigation inside the app it takes the focus, so
 * keyboard and screen reader users start reading the new page at its title.
 * On the first page load the focus is left at the top of the document (skip links).
 */
export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  const isFirstPage = location.key === "default";

  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the heading appears
  useEffect(() => {
    if (!isFirstPage) ref.current?.focus();
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} className={className}>
      {children}
    </h1>
  );
}
