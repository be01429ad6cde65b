/**
 * JSON with 64-bit integers kept exact.
 *
 * `parseJSON` reads integers outside the safe range (beyond ±2^53 − 1) as `bigint`; every other number stays a
 * `number`. `stringifyJSON` writes a `bigint` as its digits. Node 18/20 have no JSON source-text access, so the
 * parser marks the big integers in the text before `JSON.parse` and turns the marks back into `bigint`s.
 */

const MARK = '\u0000zsdk-bigint:';

/** Parse JSON text; integers too large for a `number` come back as `bigint`. */
export function parseJSON(text: string): unknown {
  const marked = markBigIntegers(text);
  if (marked === text) return JSON.parse(text);
  return JSON.parse(marked, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(MARK) ? BigInt(value.slice(MARK.length)) : value,
  );
}

/** `JSON.stringify` that writes `bigint` values as plain JSON integers. */
export function stringifyJSON(value: unknown, space?: number): string {
  let found = false;
  const text = JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (typeof item !== 'bigint') return item;
      found = true;
      return MARK + item.toString();
    },
    space,
  );
  if (text === undefined) return 'null';
  return found ? text.replace(/"\\u0000zsdk-bigint:(-?\d+)"/g, '$1') : text;
}

function markBigIntegers(text: string): string {
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // a string: skip to its closing quote
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if ((d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45) i++;
        else break;
      }
      const token = text.slice(start, i);
      if (token.length > 15 && /^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += text.slice(last, start) + JSON.stringify(MARK + token);
        last = i;
      }
      continue;
    }
    i++;
  }
  return last === 0 ? text : out + text.slice(last);
}
