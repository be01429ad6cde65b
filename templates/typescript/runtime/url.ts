/**
 * URL mechanics: server templates, Link headers and dotted paths (parameters: serialize.ts).
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
