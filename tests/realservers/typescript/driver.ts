// The TypeScript real-server driver: every sample call through the generated SDK, one JSON line each.
//
//   node out/driver.js --server URL --calls FILE
//
// A call names its operation as resource.method (Python spelling) and gives its arguments in wire names, grouped
// as path, query, header and body: the TypeScript SDK takes them grouped the same way, so they pass as they are.
// Resources and methods are found by name with case and punctuation ignored.
import { readFileSync } from 'node:fs';
import { Rsapi } from './src/index.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Call = {
  id: string;
  call: string;
  path?: Record<string, Json>;
  query?: Record<string, Json>;
  header?: Record<string, Json>;
  body?: Record<string, Json>;
  pages?: number;
};
type Pageish = { items: unknown[]; hasNextPage(): boolean; getNextPage(): Promise<Pageish> };

const CASE_HEADER = 'X-Rs-Case';

function plain(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function member(owner: object, name: string): unknown {
  const names = new Set<string>();
  for (let o: object | null = owner; o !== null && o !== Object.prototype; o = Object.getPrototypeOf(o) as object | null) {
    for (const key of Object.getOwnPropertyNames(o)) names.add(key);
  }
  for (const key of names) {
    if (!key.startsWith('_') && key !== 'constructor' && plain(key) === plain(name)) {
      return (owner as Record<string, unknown>)[key];
    }
  }
  throw new Error(`no member ${name}`);
}

function fileValue(value: Json): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && '$file' in value) {
    const spec = value['$file'] as Record<string, string>;
    return new File([spec['text'] ?? ''], spec['filename'] ?? 'file', { type: spec['content_type'] ?? '' });
  }
  return value;
}

function wire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

function isPage(value: unknown): value is Pageish {
  return value !== null && typeof value === 'object' && typeof (value as Pageish).hasNextPage === 'function';
}

async function observe(client: Rsapi, call: Call): Promise<Record<string, unknown>> {
  const parts = call.call.split('.');
  let target: unknown = client;
  for (const part of parts.slice(0, -1)) target = member(target as object, part);
  const method = member(target as object, parts[parts.length - 1] ?? '') as (...args: unknown[]) => Promise<unknown>;
  // An operation without parameters takes its options first: `list(options?)`, not `list(params, options?)`.
  const takesParams = /^[\w$]+\s*\(\s*params\b/.test(method.toString());
  const params: Record<string, unknown> = {};
  if (call.path !== undefined) params['path'] = call.path;
  if (call.query !== undefined) params['query'] = call.query;
  if (call.header !== undefined) params['headers'] = call.header;
  if (call.body !== undefined) {
    params['body'] = Object.fromEntries(Object.entries(call.body).map(([k, v]) => [k, fileValue(v)]));
  }
  const options = { headers: { [CASE_HEADER]: call.id } };
  const result = await (takesParams ? method.call(target, params, options) : method.call(target, options));
  if (isPage(result)) {
    const observed: Record<string, unknown> = {
      ok: true,
      page: { items: result.items.length, has_next: result.hasNextPage() },
      result: wire(result.items),
    };
    if ((call.pages ?? 1) > 1) {
      if (!result.hasNextPage()) return { ...observed, ok: false, error: 'the first page has no next page' };
      const second = await result.getNextPage();
      observed['page2'] = { items: second.items.length, has_next: second.hasNextPage() };
    }
    return observed;
  }
  return { ok: true, result: result === undefined ? null : wire(result) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string => args[args.indexOf(name) + 1] ?? '';
  const calls = JSON.parse(readFileSync(option('--calls'), 'utf-8')) as Call[];
  const client = new Rsapi({ baseUrl: option('--server'), maxRetries: 0 });
  for (const call of calls) {
    let observed: Record<string, unknown>;
    try {
      observed = await observe(client, call);
    } catch (error) {
      const text = error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
      observed = { ok: false, error: text.slice(0, 2000) };
    }
    process.stdout.write(JSON.stringify({ id: call.id, ...observed }) + '\n');
  }
}

await main();
