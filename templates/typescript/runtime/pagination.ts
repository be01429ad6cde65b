/**
 * Pages. A `Paginator` says how an operation pages (as data); a `Page` holds one response's items, the fields
 * of its body (`page.nextKey`, typed by the generated method: `PageOf<Item, Body>`) and the request for the next
 * page (the original one with only the page parameter changed, or for Link pagination
 * the `rel="next"` URL). `for await` over a page, or over the promise a list method returns, walks the items of
 * every later page, fetching each page only when the iteration reaches it.
 *
 * Stop rules: cursor — no cursor, `hasMore` false, an empty page or the same cursor again; offset — an empty
 * page or `offset >= total`; page — an empty page, `hasNext` false or `page >= totalPages`; link — no
 * `rel="next"` link.
 */

import { APIPromise, ResultPromise } from './promise.js';
import { getPath, MISSING, own, parseLinkHeader } from './url.js';

/**
 * How one operation pages; field paths are lists of names into the raw body, `*Param` are query parameters
 * (`perPageParam` is sent again when a Link pagination's next URL leaves it out).
 */
export interface Paginator {
  style: 'cursor' | 'offset' | 'page' | 'link';
  items?: readonly string[];
  cursorParam?: string;
  nextCursor?: readonly string[];
  cursorItemField?: string;
  hasMore?: readonly string[];
  offsetParam?: string;
  total?: readonly string[];
  pageParam?: string;
  perPageParam?: string;
  totalPages?: readonly string[];
  hasNext?: readonly string[];
}

/** One page's request: the method's arguments, its per-call options, or an absolute URL (Link pagination). */
export interface PageRequest {
  args: { query?: object };
  options: { query?: Record<string, unknown> };
  url?: string;
}

function toInt(value: unknown): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return null;
}

function current(request: PageRequest, name: string): unknown {
  const options = request.options.query ?? {};
  if (Object.hasOwn(options, name)) return options[name];
  return own((request.args.query ?? {}) as Record<string, unknown>, name);
}

function withParam(request: PageRequest, name: string, value: unknown): PageRequest {
  const query = { ...(request.args.query as Record<string, unknown> | undefined), [name]: value };
  const extra = { ...request.options.query };
  delete extra[name];
  return { args: { ...request.args, query }, options: { ...request.options, query: extra } };
}

/** The raw items of a page body. */
export function rawItems(paginator: Paginator, body: unknown): unknown[] {
  const found = getPath(body, paginator.items);
  return Array.isArray(found) ? found : [];
}

/** The next page's request, or `null` on the last page. */
export function nextRequest(
  paginator: Paginator,
  request: PageRequest,
  body: unknown,
  items: unknown[],
  headers: Headers,
): PageRequest | null {
  if (paginator.style === 'link') {
    const url = own(parseLinkHeader(headers.get('link') ?? ''), 'next');
    if (!url) return null;
    // the page size asked for is asked for again when the link leaves it out
    const size = paginator.perPageParam;
    const query = size && !new URL(url).searchParams.has(size) ? { [size]: current(request, size) } : {};
    return { args: { ...request.args, query }, options: { ...request.options, query: {} }, url };
  }
  if (!items.length) return null;
  if (paginator.style === 'cursor') {
    if (paginator.hasMore !== undefined && getPath(body, paginator.hasMore) !== true) return null;
    let cursor: unknown;
    if (paginator.nextCursor !== undefined) cursor = getPath(body, paginator.nextCursor);
    else if (paginator.cursorItemField !== undefined)
      cursor = getPath(items[items.length - 1], [paginator.cursorItemField]);
    else return null;
    if (cursor === null || cursor === undefined || cursor === MISSING || cursor === '') return null;
    const param = paginator.cursorParam ?? 'cursor';
    if (cursor === current(request, param)) return null;
    return withParam(request, param, cursor);
  }
  if (paginator.style === 'offset') {
    const param = paginator.offsetParam ?? 'offset';
    const offset = (toInt(current(request, param)) ?? 0) + items.length;
    const total = paginator.total ? toInt(getPath(body, paginator.total)) : null;
    if (total !== null && offset >= total) return null;
    return withParam(request, param, offset);
  }
  const param = paginator.pageParam ?? 'page';
  const page = toInt(current(request, param)) ?? 1;
  if (paginator.hasNext !== undefined && getPath(body, paginator.hasNext) === false) return null;
  const totalPages = paginator.totalPages ? toInt(getPath(body, paginator.totalPages)) : null;
  if (totalPages !== null && page >= totalPages) return null;
  return withParam(request, param, page + 1);
}

/** A page with the fields of the body it came from besides its own members (a field named like one is `body.x`). */
export type PageOf<Item, Body = unknown> = Page<Item, Body> & Omit<Body, keyof Page<Item, Body>>;

/** One page of items; `for await (const item of page)` walks this page and every later one. */
export class Page<Item, Body = unknown> implements AsyncIterable<Item> {
  constructor(
    readonly items: Item[],
    readonly body: Body,
    readonly response: Response,
    readonly next: PageRequest | null,
    private readonly fetchPage: (request: PageRequest) => APIPromise<PageOf<Item, Body>>,
  ) {}

  /** This page with its body's fields as properties too (`PageOf`): the ones no member of the page has. */
  withFields(): PageOf<Item, Body> {
    const body: unknown = this.body;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      for (const [key, value] of Object.entries(body)) {
        if (!(key in this)) Object.defineProperty(this, key, { value, enumerable: true });
      }
    }
    return this as unknown as PageOf<Item, Body>;
  }

  hasNextPage(): boolean {
    return this.next !== null;
  }

  getNextPage(): APIPromise<PageOf<Item, Body>> {
    if (this.next === null) throw new Error('No next page; check hasNextPage() first');
    return this.fetchPage(this.next);
  }

  async *iterPages(): AsyncGenerator<PageOf<Item, Body>> {
    let page = this.withFields();
    for (;;) {
      yield page;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    for await (const page of this.iterPages()) yield* page.items;
  }
}

/** Await it for the first page; `for await` over it for every item of every page. */
export class PagePromise<Item, Body = unknown> extends APIPromise<PageOf<Item, Body>> implements AsyncIterable<Item> {
  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    yield* await this;
  }

  override asResult(): PageResultPromise<Item, Body> {
    return new PageResultPromise(this);
  }
}

/** Result style for pages: awaiting gives `{ data: page, error, request, response }`; iterating throws on an error. */
export class PageResultPromise<Item, Body = unknown>
  extends ResultPromise<PageOf<Item, Body>>
  implements AsyncIterable<Item>
{
  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    yield* await this.inner;
  }
}
