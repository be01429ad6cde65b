/**
 * URL mechanics: server templates, path parameters, query encoding, Link headers and dotted paths.
 *
 * Query encoding (the same for form bodies): `undefined` and `null` are dropped; arrays repeat the key
 * (`?tag=a&tag=b`); booleans are `true`/`false`; objects use `key[sub]=value` (deepObject); `Date`s their
 * ISO 8601 form.
 */

const VARIABLE = /\{([^{}]+)\}/g;

/**
 * `record[key]` when `record` has that key itself, else `undefined`. Keys come from the spec or the server
 * (`toString`, `constructor`, `__proto__`…): a plain index would find `Object.prototype`'s members instead.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Fill `https://api.{region}.example.com` from variables or defaults; a value outside its enum throws. */
export function resolveServerUrl(
  template: string,
  variables: Record<string, string | undefined> = {},
  defaults: Record<string, string> = {},
  enums: Record<string, readonly string[]> = {},
): string {
  return template.replace(VARIABLE, (_match, name: string) => {
    const value = own(variables, name) ?? own(defaults, name);
    if (value === undefined) throw new Error(`Server variable ${name} has no value and no default`);
    const choices = own(enums, name);
    if (choices && choices.length && !choices.includes(value)) {
      throw new Error(`Server variable ${name} must be one of ${choices.join(', ')}, got ${value}`);
    }
    return value;
  });
}

/** One scalar as it goes into a URL, header or form field. */
export function encodeValue(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** `/pets/{pet_id}` with each value percent-encoded (`/` included). */
export function formatPath(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(VARIABLE, (_match, name: string) => {
    const value = own(params, name);
    if (value === undefined || value === null) throw new Error(`Missing path parameter ${name}`);
    const text = encodeValue(value);
    if (text === '') throw new Error(`Expected a non-empty value for path parameter ${name}`);
    return encodeURIComponent(text);
  });
}

function encodeInto(out: [string, string][], key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) encodeInto(out, key, item);
  } else if (typeof value === 'object' && !(value instanceof Date)) {
    for (const [sub, item] of Object.entries(value)) encodeInto(out, `${key}[${sub}]`, item);
  } else {
    out.push([key, encodeValue(value)]);
  }
}

/** Merge query objects (later ones win per key) into encoded pairs. */
export function encodeQuery(...queries: (Record<string, unknown> | undefined)[]): [string, string][] {
  // no prototype: a `__proto__` key is a parameter like any other, not the merged object's prototype
  const merged: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const query of queries) Object.assign(merged, query);
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(merged)) encodeInto(out, key, value);
  return out;
}

/** `https://h/v1` + `/pets` → `https://h/v1/pets`. */
export function joinUrl(baseUrl: string, path: string): string {
  if (!path) return baseUrl;
  return baseUrl.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '');
}

/** RFC 8288 `Link` header → `{rel: url}` (first URL wins per rel). */
export function parseLinkHeader(header: string): Record<string, string> {
  const links: Record<string, string> = {};
  for (const match of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
    const url = match[1] ?? '';
    for (const param of (match[2] ?? '').split(';')) {
      const [name = '', ...rest] = param.trim().split('=');
      if (name.trim().toLowerCase() !== 'rel') continue;
      for (const rel of rest.join('=').trim().replace(/^"|"$/g, '').split(/\s+/)) {
        if (rel && !Object.hasOwn(links, rel.toLowerCase())) links[rel.toLowerCase()] = url;
      }
    }
  }
  return links;
}

/** Marks a field that is absent (as opposed to `null`). */
export const MISSING: unique symbol = Symbol('missing');

/** Follow a path of field names into JSON data; `MISSING` when a step is absent. */
export function getPath(data: unknown, path: readonly string[] | undefined): unknown {
  let current = data;
  for (const key of path ?? []) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, key)) {
      return MISSING;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
