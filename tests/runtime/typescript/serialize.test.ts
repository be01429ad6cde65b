/** docs/serialization.md, row by row: what the runtime writes for each style of each location. */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  cookiePairs,
  formBody,
  formatPath,
  headerValue,
  multipartBlob,
  multipartParts,
  pathValue,
  percentEncode,
  queryPairs,
  type Encoding,
} from '../core/serialize.js';
import { fakeFetch, TestClient } from './support.js';

const SCALAR = 'blue';
const ARRAY = ['blue', 'black', 'brown'];
const OBJECT = { R: 100, G: 200, B: 150 };
type Row = [Encoding, string, string, string]; // encoding, then the scalar's, the array's and the object's form

function query(encoding: Encoding, value: unknown): string {
  return queryPairs(['color'], { color: value }, { color: encoding }).join('&');
}

describe('percent-encoding', () => {
  it('keeps only the unreserved characters, UTF-8 bytes in upper-case hex', () => {
    assert.equal(percentEncode("a b!'()*~-._é/"), 'a%20b%21%27%28%29%2A~-._%C3%A9%2F');
    assert.equal(percentEncode('😀'), '%F0%9F%98%80');
  });
  it('keeps the reserved characters with allowReserved', () => {
    assert.equal(percentEncode(":/?@!$&'()*+,;= é[]", true), ":/?@!$&'()*+,;=%20%C3%A9%5B%5D");
  });
});

describe('path', () => {
  const rows: Row[] = [
    [{}, 'blue', 'blue,black,brown', 'R,100,G,200,B,150'],
    [{ explode: true }, 'blue', 'blue,black,brown', 'R=100,G=200,B=150'],
    [{ style: 'label' }, '.blue', '.blue,black,brown', '.R,100,G,200,B,150'],
    [{ style: 'label', explode: true }, '.blue', '.blue.black.brown', '.R=100.G=200.B=150'],
    [{ style: 'matrix' }, ';color=blue', ';color=blue,black,brown', ';color=R,100,G,200,B,150'],
    [{ style: 'matrix', explode: true }, ';color=blue', ';color=blue;color=black;color=brown', ';R=100;G=200;B=150'],
  ];
  for (const [encoding, scalar, array, object] of rows) {
    it(`${encoding.style ?? 'simple'}, explode ${encoding.explode ?? false}`, () => {
      assert.deepEqual(
        [SCALAR, ARRAY, OBJECT].map((value) => pathValue('color', value, encoding)),
        [scalar, array, object],
      );
    });
  }
  it("encodes a value's own delimiters and refuses a missing or empty value", () => {
    assert.equal(formatPath('/i/{c}/{a}', { c: 'a b/c,d;é', a: ['x,y', 'z'] }), '/i/a%20b%2Fc%2Cd%3B%C3%A9/x%2Cy,z');
    assert.throws(() => formatPath('/i/{c}', {}), /Missing path parameter c/);
    assert.throws(() => formatPath('/i/{c}', { c: '' }), /non-empty/);
    assert.throws(() => formatPath('/i/{c}', { c: [] }), /non-empty/);
  });
});

describe('query', () => {
  const rows: Row[] = [
    [{}, 'color=blue', 'color=blue&color=black&color=brown', 'R=100&G=200&B=150'],
    [{ explode: false }, 'color=blue', 'color=blue,black,brown', 'color=R,100,G,200,B,150'],
    [{ style: 'spaceDelimited' }, 'color=blue', 'color=blue%20black%20brown', 'color=R%20100%20G%20200%20B%20150'],
    [{ style: 'pipeDelimited' }, 'color=blue', 'color=blue%7Cblack%7Cbrown', 'color=R%7C100%7CG%7C200%7CB%7C150'],
    [
      { style: 'pipeDelimited', explode: true },
      'color=blue',
      'color=blue&color=black&color=brown',
      'R=100&G=200&B=150',
    ],
    [
      { style: 'deepObject' },
      'color=blue',
      'color%5B0%5D=blue&color%5B1%5D=black&color%5B2%5D=brown',
      'color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150',
    ],
  ];
  for (const [encoding, scalar, array, object] of rows) {
    it(`${encoding.style ?? 'form'}, explode ${encoding.explode ?? encoding.style === undefined}`, () => {
      assert.deepEqual(
        [SCALAR, ARRAY, OBJECT].map((value) => query(encoding, value)),
        [scalar, array, object],
      );
    });
  }
  const nesting: [Encoding['nesting'], string, string][] = [
    ['indexed', 'c%5B0%5D=a&c%5B1%5D=b', 'c%5B0%5D%5Bprice%5D=p1&c%5B0%5D%5Bquantity%5D=2'],
    ['brackets', 'c%5B%5D=a&c%5B%5D=b', 'c%5B%5D%5Bprice%5D=p1&c%5B%5D%5Bquantity%5D=2'],
    ['repeat', 'c=a&c=b', 'c%5Bprice%5D=p1&c%5Bquantity%5D=2'],
  ];
  for (const [how, array, objects] of nesting) {
    it(`deepObject writes arrays ${how}`, () => {
      const encoding: Encoding = { style: 'deepObject', ...(how ? { nesting: how } : {}) };
      const write = (value: unknown) => queryPairs([], { c: value }, { c: encoding }).join('&');
      assert.equal(write(['a', 'b']), array);
      assert.equal(write([{ price: 'p1', quantity: 2 }]), objects);
      assert.equal(write({ a: { b: 1 } }), 'c%5Ba%5D%5Bb%5D=1');
    });
  }
  it('writes scalars, drops absent and empty values, sends nested values as JSON', () => {
    const pairs = queryPairs(['p', 'a', 'n', 'num', 'b', 'o', 'x', 'd', 'nest'], {
      p: '',
      a: [],
      n: 9007199254740993n,
      num: 1.5,
      b: false,
      o: {},
      x: null,
      d: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      nest: [['a', 1], null, { k: 'v' }],
    });
    assert.deepEqual(pairs, [
      'p=',
      'n=9007199254740993',
      'num=1.5',
      'b=false',
      'd=2024-01-02T03%3A04%3A05.000Z',
      'nest=%5B%22a%22%2C1%5D',
      'nest=%7B%22k%22%3A%22v%22%7D',
    ]);
  });
  it('escapes values but with allowReserved; a content parameter is its compact JSON', () => {
    const encodings = { r: { allowReserved: true }, j: { contentType: 'application/json' } };
    const text = 'a b&c=d/é,f';
    assert.deepEqual(queryPairs(['r', 't', 'j'], { r: text, t: text, j: { R: 1 } }, encodings), [
      'r=a%20b&c=d/%C3%A9,f',
      't=a%20b%26c%3Dd%2F%C3%A9%2Cf',
      'j=%7B%22R%22%3A1%7D',
    ]);
  });
  it('sends the declared order, an extra parameter replacing a declared one in its place', () => {
    const pairs = queryPairs(
      ['p', 'a', 't'],
      { t: 't', p: 'blue', a: ['x'] },
      { a: { explode: false } },
      {
        a: ['y', 'z'],
        more: 1,
      },
    );
    assert.deepEqual(pairs, ['p=blue', 'a=y', 'a=z', 't=t', 'more=1']);
  });
});

describe('header', () => {
  it('simple, exploded and not, never percent-encoded', () => {
    assert.deepEqual(
      [SCALAR, ARRAY, OBJECT, 'blue sky/é'].map((value) => headerValue(value)),
      ['blue', 'blue,black,brown', 'R,100,G,200,B,150', 'blue sky/é'],
    );
    assert.equal(headerValue(OBJECT, { explode: true }), 'R=100,G=200,B=150');
    assert.equal(headerValue(ARRAY, { explode: true }), 'blue,black,brown');
    assert.equal(headerValue(undefined), undefined);
    assert.equal(headerValue([]), undefined);
  });
});

describe('cookie', () => {
  it('form, exploded and not', () => {
    const values = { color: SCALAR, a: ARRAY, o: OBJECT, f: ARRAY, g: OBJECT, s: 'a b;' };
    const encodings = { f: { explode: false }, g: { explode: false } };
    assert.deepEqual(cookiePairs(values, encodings), [
      'color=blue',
      'a=blue',
      'a=black',
      'a=brown',
      'R=100',
      'G=200',
      'B=150',
      'f=blue,black,brown',
      'g=R,100,G,200,B,150',
      's=a%20b%3B',
    ]);
  });
});

describe('form bodies', () => {
  it('each field by its entry, else form exploded, deepObject for objects and arrays of objects', () => {
    const body = {
      p: 'a b',
      a: ['x', 'y'],
      o: { R: 1 },
      items: [{ price: 'p1' }],
      tags: ['t1', 't2'],
      note: 'a/b?c',
      meta: { ids: ['i1'] },
      gone: undefined,
    };
    const encodings = {
      tags: { style: 'pipeDelimited' as const },
      note: { allowReserved: true },
      meta: { style: 'deepObject' as const, nesting: 'brackets' as const },
    };
    assert.equal(
      formBody(body, encodings),
      'p=a%20b&a=x&a=y&o%5BR%5D=1&items%5B0%5D%5Bprice%5D=p1&tags=t1%7Ct2&note=a/b?c&meta%5Bids%5D%5B%5D=i1',
    );
  });
  it('an optional form body left out sends no body and no content type', async () => {
    const { fetch, seen } = fakeFetch([new Response(null, { status: 204 })]);
    await new TestClient({ fetch }).request({ method: 'POST', path: '/f', body: 'form', response: 'empty' }, {});
    assert.equal(seen[0]!.body, '');
    assert.equal(seen[0]!.headers.get('content-type'), null);
  });
});

describe('multipart bodies', () => {
  it('files, JSON parts, one part per item, style pairs unencoded, declared content types', async () => {
    const file = new File(['hello'], 'a.txt', { type: 'text/plain' });
    const body = {
      file,
      meta: { R: 1 },
      tags: ['t1', 't2'],
      link: { range: { gt: 1 }, ids: ['x'] },
      table: 'a,b',
      n: 2,
    };
    const encodings = { link: { style: 'deepObject' as const }, table: { contentType: 'text/csv' } };
    const parts = multipartParts(body, encodings);
    assert.deepEqual(
      parts.map(({ name, filename, contentType, content }) => [name, filename, contentType, content]),
      [
        ['file', 'a.txt', 'text/plain', file],
        ['meta', undefined, 'application/json', '{"R":1}'],
        ['tags', undefined, undefined, 't1'],
        ['tags', undefined, undefined, 't2'],
        ['link[range][gt]', undefined, undefined, '1'],
        ['link[ids][0]', undefined, undefined, 'x'],
        ['table', undefined, 'text/csv', 'a,b'],
        ['n', undefined, undefined, '2'],
      ],
    );
    const blob = multipartBlob(parts.slice(1, 2), 'b');
    assert.equal(blob.type, 'multipart/form-data; boundary=b');
    assert.equal(
      await blob.text(),
      '--b\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"R":1}\r\n--b--\r\n',
    );
  });
});

describe('the client', () => {
  it('keeps a query string written in the path first and builds the query without URLSearchParams', async () => {
    const { fetch, seen } = fakeFetch([new Response(null, { status: 204 })]);
    const op = {
      method: 'GET',
      path: '/w/{id}?mode=beta',
      query: ['q', 'r'],
      response: 'empty' as const,
      encodings: { path: { id: { style: 'label' as const } }, query: { r: { explode: false } } },
    };
    await new TestClient({ fetch }).request(op, { path: { id: ['a', 'b'] }, query: { q: 'x y', r: ['1', '2'] } });
    assert.equal(seen[0]!.url.pathname, '/v1/w/.a,b');
    assert.equal(seen[0]!.url.search, '?mode=beta&q=x%20y&r=1,2');
  });
  it('sends header and cookie parameters by their styles, cookies in one header', async () => {
    const { fetch, seen } = fakeFetch([new Response(null, { status: 204 })]);
    const op = {
      method: 'GET',
      path: '/c',
      response: 'empty' as const,
      encodings: { cookies: { f: { explode: false } } },
    };
    await new TestClient({ fetch }).request(op, {
      headers: { 'X-A': ['a', 'b'], 'X-N': null },
      cookies: { c: ['a', 'b'], f: ['a', 'b'] },
    });
    assert.equal(seen[0]!.headers.get('x-a'), 'a,b');
    assert.equal(seen[0]!.headers.has('x-n'), false);
    assert.equal(seen[0]!.headers.get('cookie'), 'c=a; c=b; f=a,b');
  });
});
