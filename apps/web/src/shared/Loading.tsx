/** A short French loading text, announced politely to screen readers. */
export function Loading({ label = "Chargement…" }: { label?: string }) {
  return (
    <p role="status" aria-live="polite" className="fr-my-4w">
      {label}
    </p>
  );
}
