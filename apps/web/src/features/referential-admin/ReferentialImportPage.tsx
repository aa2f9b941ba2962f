/** Placeholder: replaced by the page itself. */
export function ReferentialImportPage() {
  return null;
}
