import { type ReactNode, useId } from "react";
import type { LoadState } from "../../../shared/useApiData.ts";

type Props = {
  title: ReactNode;
  /** While loading, the section says so to assistive technologies. */
  state: LoadState<unknown>;
  children: ReactNode;
};

/** A role's section of the home page: a region named by its h2. */
export function Section({ title, state, children }: Props) {
  const headingId = useId();
  return (
    <section className="fr-mt-4w" aria-labelledby={headingId} aria-busy={state.status === "loading"}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
