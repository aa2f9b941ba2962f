/** Placeholder: replaced by the page itself. */
export function ReferentialPage() {
  return null;
}
