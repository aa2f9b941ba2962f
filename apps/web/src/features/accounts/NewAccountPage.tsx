/** Placeholder of issue 9: replaced by the real page. */
export function NewAccountPage() {
  return null;
}
