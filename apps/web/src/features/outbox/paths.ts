/** The outbox page's address: a tiny module so the home page links to it without loading the page's code. */
export const OUTBOX_PATH = "/administration/courriels";

export const OUTBOX_PAGE_SIZE = 25;

/** The page number in the address (?page=2); anything else is the first page. */
export function pageFromSearch(search: URLSearchParams): number {
  const text = search.get("page") ?? "";
  const page = /^\d{1,6}$/.test(text) ? Number(text) : 1;
  return Math.max(page, 1);
}

export const outboxPageHref = (page: number) => (page > 1 ? `${OUTBOX_PATH}?page=${page}` : OUTBOX_PATH);
