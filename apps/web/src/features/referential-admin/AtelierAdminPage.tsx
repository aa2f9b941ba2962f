/** Placeholder: replaced by the page itself. */
export function AtelierAdminPage() {
  return null;
}
