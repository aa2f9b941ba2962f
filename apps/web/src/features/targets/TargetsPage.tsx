/** Placeholder: replaced by the page itself. */
export function TargetsPage() {
  return null;
}
