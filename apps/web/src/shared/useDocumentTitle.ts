import { useEffect } from "react";

export const APP_NAME = "Enquête atelier";

/** Each page names itself in the browser tab, first, as screen readers announce it. */
export function useDocumentTitle(pageTitle: string): void {
  useEffect(() => {
    document.title = `${pageTitle} – ${APP_NAME}`;
  }, [pageTitle]);
}
