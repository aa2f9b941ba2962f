import type { MouseEvent } from "react";
import { useCallback, useEffect, useRef, useState } from "react";
import { isAbort } from "../../api/ApiError.ts";
import { requestFile } from "../../api/http.ts";

/**
 * Downloads an export on its link's click, and keeps a refusal to show on
 * the page: exports are costly, so the API may answer 429 (too many
 * calculations at once or in a minute) with a French message, which a plain
 * link would turn into a failed download with no reason given. The link
 * stays a real link: a modified click (new tab, save as) is left to the
 * browser.
 */
export function useFileDownload() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const onClick = useCallback((event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    // One file at a time: a second click while the first is computed would only queue another calculation.
    if (running.current) return;
    const link = event.currentTarget;
    const controller = new AbortController();
    running.current = controller;
    setBusy(true);
    setError(null);
    requestFile(link.href, controller.signal)
      .then(({ blob, fileName }) => {
        const url = URL.createObjectURL(blob);
        const save = document.createElement("a");
        save.href = url;
        save.download = fileName ?? link.getAttribute("download") ?? "";
        document.body.append(save);
        save.click();
        save.remove();
        // Later rather than at once: the browser may read the file after click() returns.
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      })
      .catch((e: unknown) => {
        if (!isAbort(e)) setError(e);
      })
      .finally(() => {
        if (running.current === controller) running.current = null;
        setBusy(false);
      });
  }, []);

  return { onClick, error, busy };
}
