import { useEffect, useState, useSyncExternalStore } from "react";
import { DraftSaver, type SaverDeps, type SaverInit, type SaveState } from "./DraftSaver.ts";

/** One autosave per mounted report form; it listens to the network and the page's life while mounted. */
export function useDraftSaver(deps: () => SaverDeps, init: () => SaverInit): { saver: DraftSaver; state: SaveState } {
  const [saver] = useState(() => new DraftSaver(deps(), init()));
  useEffect(() => {
    saver.start();
    return () => saver.stop();
  }, [saver]);
  const state = useSyncExternalStore(saver.subscribe, saver.getState);
  return { saver, state };
}
