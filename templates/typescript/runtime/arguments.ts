/**
 * A method's arguments, checked and put in place.
 *
 * Grouped style (the default): one object `{ path, query, headers, cookies, body }`, each group by wire name.
 * Flat style (`arguments: flat` in zsdk.yaml): path parameters are positional and everything else is one object
 * by wire name, with the body's fields among the parameters (`executeSql({ query })`); the generated code passes
 * a `FlatLayout` saying which keys go where, and `splitParams` rebuilds the groups.
 */

/** Where the keys of a flat parameters object go; a key not listed is a body field (`fields`). */
export interface FlatLayout {
  query?: readonly string[];
  headers?: readonly string[];
  cookies?: readonly string[];
  /**
   * `fields`: the other keys are the body, always sent; `optional fields`: the same, sent when one is given;
   * `body`: the body is the `body` key. Absent: the call takes no body.
   */
  body?: 'fields' | 'optional fields' | 'body';
}

/** A method's arguments in groups (wire names), as the client sends them. */
export interface RequestArgs {
  path?: object;
  query?: object;
  headers?: object;
  cookies?: object;
  body?: unknown;
  /** Flat style: the parameters object, split by the operation's `FlatLayout`. */
  params?: unknown;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  }
  return value === null ? 'null' : `a ${typeof value}`;
}

/** `value` as an object of named values (absent: `undefined`); anything else throws a `TypeError` naming `what`. */
export function checkObject(value: unknown, what: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${what} must be an object of named values, not ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Check each group of grouped arguments (a string or array where an object belongs throws). */
export function checkArgs(args: unknown): RequestArgs {
  const given = checkObject(args, 'The parameters') ?? {};
  for (const group of ['path', 'query', 'headers', 'cookies'] as const) checkObject(given[group], `params.${group}`);
  return given;
}

/** Flat-style arguments back in their groups: `path` as the method built it, `params` split by `layout`. */
export function splitParams(layout: FlatLayout, path: object | undefined, params: unknown): RequestArgs {
  const given = checkObject(params, 'The parameters') ?? {};
  const args: RequestArgs = path === undefined ? {} : { path };
  const rest: Record<string, unknown> = { ...given };
  for (const group of ['query', 'headers', 'cookies'] as const) {
    const found: Record<string, unknown> = {};
    for (const name of layout[group] ?? []) {
      if (!Object.prototype.hasOwnProperty.call(rest, name)) continue;
      found[name] = rest[name];
      delete rest[name];
    }
    if (Object.keys(found).length) args[group] = found;
  }
  if (layout.body === 'body') {
    if (rest['body'] !== undefined) args.body = rest['body'];
  } else if (layout.body === 'fields' || (layout.body === 'optional fields' && Object.keys(rest).length)) {
    args.body = rest;
  }
  return args;
}
