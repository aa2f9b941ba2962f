/** Placeholder of issue 9: replaced by the real page. */
export function AccountsPage() {
  return null;
}
