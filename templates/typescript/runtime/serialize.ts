/**
 * How parameters and form bodies go on the wire, byte for byte as docs/serialization.md says: percent-encoding,
 * the path, query, header and cookie styles, `application/x-www-form-urlencoded` bodies and multipart parts.
 *
 * Absent values (`undefined`, `null`) are not sent, nor are `null` items and fields; a value nested deeper than
 * its style defines is its compact JSON text; a `content` (JSON) parameter is its compact JSON text.
 */

import { stringifyJSON } from './json.js';
import { own } from './url.js';

export type Style = 'simple' | 'label' | 'matrix' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';

/** A value's encoding when it is not its location's default; a field left out takes the default. */
export interface Encoding {
  /** simple for a path or header, form for a query, cookie or form field. */
  style?: Style;
  /** `true` for style form, else `false`. */
  explode?: boolean;
  /** Query and form values keep RFC 3986's reserved characters. */
  allowReserved?: boolean;
  /** How deepObject writes arrays: `a[0]=x` (indexed, the default), `a[]=x` (brackets) or `a=x` (repeat). */
  nesting?: 'indexed' | 'brackets' | 'repeat';
  /** A `content` parameter's media type, or a multipart part's. */
  contentType?: string;
}

/** Encodings by wire name. */
export type Encodings = Readonly<Record<string, Encoding>>;

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const RESERVED = ":/?@!$&'()*+,;=";
const UTF8 = new TextEncoder();
/** The delimiter a non-exploded style puts between values. */
const DELIMITERS: Record<string, string> = { form: ',', spaceDelimited: ' ', pipeDelimited: '|' };

/** Every UTF-8 byte outside `A-Z a-z 0-9 - . _ ~` as `%XX` (upper-case); with `allowReserved`, RFC 3986's
 * reserved characters too are kept. */
export function percentEncode(text: string, allowReserved = false): string {
  let out = '';
  for (const char of text) {
    if (UNRESERVED.test(char) || (allowReserved && RESERVED.includes(char))) out += char;
    else for (const byte of UTF8.encode(char)) out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A scalar's text: strings as they are, numbers (and `bigint`s) in decimal, `true`/`false`, a `Date` in ISO 8601. */
function scalar(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return stringifyJSON(value);
  return String(value);
}

/** An array's items or an object's fields (key, then value), as text; a nested value is its compact JSON. */
function items(value: unknown[]): string[] {
  return value.filter(present).map(scalar);
}

function fields(value: Record<string, unknown>): [string, string][] {
  return Object.entries(value)
    .filter(([, item]) => present(item))
    .map(([key, item]) => [key, scalar(item)]);
}

/** A `content` parameter is its compact JSON text. */
function contentValue(value: unknown, encoding: Encoding | undefined): unknown {
  return encoding?.contentType ? stringifyJSON(value) : value;
}

/** One path parameter as it replaces `{name}`; a missing or empty value throws. */
export function pathValue(name: string, raw: unknown, encoding: Encoding = {}): string {
  if (!present(raw)) throw new Error(`Missing path parameter ${name}`);
  const value = contentValue(raw, encoding);
  const style = encoding.style ?? 'simple';
  const explode = encoding.explode ?? false;
  const esc = (text: string) => percentEncode(text);
  let list: string[];
  let pairs: [string, string][] | null = null;
  if (Array.isArray(value)) list = items(value).map(esc);
  else if (isObject(value)) {
    pairs = fields(value).map(([key, item]) => [esc(key), esc(item)]);
    list = pairs.flat();
  } else list = [esc(scalar(value))];
  if (!list.length || list.join('') === '') throw new Error(`Expected a non-empty value for path parameter ${name}`);
  const named = esc(name);
  if (style === 'matrix') {
    if (!explode) return `;${named}=${list.join(',')}`;
    return pairs ? pairs.map(([key, item]) => `;${key}=${item}`).join('') : list.map((i) => `;${named}=${i}`).join('');
  }
  const separator = style === 'label' && explode ? '.' : ',';
  const text = pairs && explode ? pairs.map(([key, item]) => `${key}=${item}`).join(separator) : list.join(separator);
  return style === 'label' ? '.' + text : text;
}

/** `/pets/{pet_id}` with each value in its style. */
export function formatPath(template: string, params: Record<string, unknown> = {}, encodings: Encodings = {}): string {
  return template.replace(/\{([^{}]+)\}/g, (_match, name: string) =>
    pathValue(name, Object.hasOwn(params, name) ? params[name] : undefined, own(encodings, name)),
  );
}

/** A header parameter's value (never percent-encoded); `undefined` when there is nothing to send. */
export function headerValue(raw: unknown, encoding: Encoding = {}): string | undefined {
  if (!present(raw)) return undefined;
  const value = contentValue(raw, encoding);
  if (Array.isArray(value)) return items(value).join(',') || undefined;
  if (isObject(value)) {
    const pairs = fields(value);
    if (!pairs.length) return undefined;
    return (encoding.explode ? pairs.map(([key, item]) => `${key}=${item}`) : pairs.flat()).join(',');
  }
  return scalar(value);
}

/**
 * One name/value pair of the form serialisation, before percent-encoding: the name's path (deepObject's
 * `color[R]` is `['color', 'R']`) and the value's pieces with the delimiter between them.
 */
interface Pair {
  name: string[];
  pieces: string[];
  delimiter: string;
}

/** A query parameter, cookie or form field as pairs: its style's rows of docs/serialization.md. */
function formPairs(name: string, raw: unknown, encoding: Encoding = {}): Pair[] {
  if (!present(raw)) return [];
  const value = contentValue(raw, encoding);
  const style = encoding.style ?? 'form';
  if (style === 'deepObject') return deepPairs([name], value, encoding.nesting ?? 'indexed');
  const explode = encoding.explode ?? style === 'form';
  const delimiter = DELIMITERS[style] ?? ',';
  if (Array.isArray(value)) {
    const list = items(value);
    if (!list.length) return [];
    return explode
      ? list.map((item) => ({ name: [name], pieces: [item], delimiter }))
      : [{ name: [name], pieces: list, delimiter }];
  }
  if (isObject(value)) {
    const pairs = fields(value);
    if (!pairs.length) return [];
    return explode
      ? pairs.map(([key, item]) => ({ name: [key], pieces: [item], delimiter }))
      : [{ name: [name], pieces: pairs.flat(), delimiter }];
  }
  return [{ name: [name], pieces: [scalar(value)], delimiter }];
}

function deepPairs(path: string[], value: unknown, nesting: string): Pair[] {
  if (Array.isArray(value)) {
    return value
      .filter(present)
      .flatMap((item, index) =>
        deepPairs(nesting === 'repeat' ? path : [...path, nesting === 'indexed' ? String(index) : ''], item, nesting),
      );
  }
  if (isObject(value)) {
    return Object.entries(value)
      .filter(([, item]) => present(item))
      .flatMap(([key, item]) => deepPairs([...path, key], item, nesting));
  }
  return [{ name: path, pieces: [scalar(value)], delimiter: ',' }];
}

/** `name=value` as a URL writes it: `[`, `]` and the delimiters `|` and space percent-encoded. */
function encodePair(pair: Pair, allowReserved = false): string {
  const [first = '', ...keys] = pair.name;
  const name = percentEncode(first) + keys.map((key) => `%5B${percentEncode(key)}%5D`).join('');
  const delimiter = pair.delimiter === ',' ? ',' : percentEncode(pair.delimiter);
  return `${name}=${pair.pieces.map((piece) => percentEncode(piece, allowReserved)).join(delimiter)}`;
}

/** `name=value` as a multipart part carries it: nothing percent-encoded. */
function plainPair(pair: Pair): [string, string] {
  const [first = '', ...keys] = pair.name;
  return [first + keys.map((key) => `[${key}]`).join(''), pair.pieces.join(pair.delimiter)];
}

/**
 * The encoded `name=value` pairs of a query: the declared parameters in `order` (then any others of `params`),
 * each by its encoding, then the extra ones (form, exploded); an extra one replaces a declared one in its place.
 */
export function queryPairs(
  order: readonly string[],
  params: Record<string, unknown> = {},
  encodings: Encodings = {},
  extra: Record<string, unknown> = {},
): string[] {
  const names = [...new Set([...order, ...Object.keys(params), ...Object.keys(extra)])];
  return names.flatMap((name) => {
    const replaced = Object.hasOwn(extra, name);
    const encoding = replaced ? {} : (own(encodings, name) ?? {});
    const value = replaced ? extra[name] : own(params, name);
    return formPairs(name, value, encoding).map((pair) => encodePair(pair, encoding.allowReserved));
  });
}

/** The pairs of a `Cookie` header (`; ` joins them). */
export function cookiePairs(params: Record<string, unknown> = {}, encodings: Encodings = {}): string[] {
  return Object.entries(params).flatMap(([name, value]) =>
    formPairs(name, value, own(encodings, name)).map((pair) => encodePair(pair)),
  );
}

/** Without an encoding entry a form field is form, exploded; an object or an array of objects is deepObject. */
function inferredFormEncoding(value: unknown): Encoding {
  const objects = isObject(value) || (Array.isArray(value) && value.some(isObject));
  return objects ? { style: 'deepObject' } : {};
}

/** An `application/x-www-form-urlencoded` body: its fields in their order, each by its encoding. */
export function formBody(body: object, encodings: Encodings = {}): string {
  return Object.entries(body)
    .flatMap(([name, value]) => {
      const encoding = own(encodings, name) ?? inferredFormEncoding(value);
      return formPairs(name, value, encoding).map((pair) => encodePair(pair, encoding.allowReserved));
    })
    .join('&');
}

/** One multipart part: its name, an optional file name and content type, and its content. */
export interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  content: string | Blob;
}

function isJsonType(type: string): boolean {
  return /^application\/(?:[^;]*\+)?json\s*(?:;|$)/i.test(type);
}

/** A multipart body's parts, its fields in their order (docs/serialization.md, "Multipart bodies"). */
export function multipartParts(body: object, encodings: Encodings = {}): Part[] {
  return Object.entries(body).flatMap(([name, value]): Part[] => {
    if (!present(value)) return [];
    const encoding = own(encodings, name);
    const list: unknown[] = Array.isArray(value) ? value.filter(present) : [value];
    if (list.length && list.every((item) => item instanceof Blob)) {
      return list.map((file) => ({
        name,
        filename: (file as { name?: string }).name || 'upload',
        contentType: (file as Blob).type || 'application/octet-stream',
        content: file as Blob,
      }));
    }
    const objects = isObject(value) || (Array.isArray(value) && value.some(isObject));
    const contentType = encoding?.contentType || (encoding === undefined && objects ? 'application/json' : '');
    if (contentType) {
      const content = isJsonType(contentType) ? stringifyJSON(value) : scalar(value);
      return [{ name, contentType, content }];
    }
    if (encoding !== undefined) {
      return formPairs(name, value, encoding).map((pair) => {
        const [partName, content] = plainPair(pair);
        return { name: partName, content };
      });
    }
    return items(list).map((content) => ({ name, content }));
  });
}

/** Quotes a name in a `Content-Disposition` header as browsers do (`"` and line breaks escaped). */
function quoted(text: string): string {
  return `"${text.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')}"`;
}

/** A `multipart/form-data` body of `parts` with `boundary` (lower-case, as a `Blob`'s type is): a `Blob`, the same
 * bytes on every retry. */
export function multipartBlob(parts: Part[], boundary: string): Blob {
  const chunks: (string | Blob)[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(part.name)}`;
    if (part.filename !== undefined) head += `; filename=${quoted(part.filename)}`;
    if (part.contentType) head += `\r\nContent-Type: ${part.contentType}`;
    chunks.push(head + '\r\n\r\n', part.content, '\r\n');
  }
  chunks.push(`--${boundary}--\r\n`);
  return new Blob(chunks, { type: `multipart/form-data; boundary=${boundary}` });
}
