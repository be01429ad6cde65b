"""The seed docs' TypeScript examples, copied as written, compile against the golden SDKs under each pinned tsc
(strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes) and run under node over a fake fetch that checks
what they send. Each example stands on an option of the spec's zsdk.yaml (see the README's "TypeScript surface
options"): Vibedasher `errors: result`, `method_case: snake`; Zatabase `arguments: flat`, `client_methods`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.golden.golden import golden_dir
from tests.toolchain.node_tools import TSC_VERSIONS, node, run, tool, write_node_project

# A fake fetch: answers by method and path from `routes`, records every request.
FAKE = r"""
export const seen: Request[] = [];
export function fakeFetch(routes: Record<string, (request: Request) => unknown>): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input as Request, init);
    seen.push(request.clone());
    const route = `${request.method} ${new URL(request.url).pathname}`;
    const answer = routes[route];
    if (answer === undefined) return new Response('{"detail": "no route"}', { status: 404 });
    const body = answer(request);
    return body === undefined ? new Response(null, { status: 204 }) : Response.json(body);
  }) as typeof fetch;
}
"""

VIBEDASHER = r"""
import assert from 'node:assert/strict';
import { Vibedasher } from './src/index.js';
import type { Dataset } from './src/index.js';
import { client, readDatasets } from './src/index.js';
import { fakeFetch, seen } from './fake.js';

const pages: Record<string, unknown> = {
  '': { datasets: [{ id: 1, name: 'a' }], nextKey: 1 },
  '1': { datasets: [{ id: 2, name: 'b' }], nextKey: null },
};
const fetch = fakeFetch({
  'GET /v1/datasets': (request) => pages[new URL(request.url).searchParams.get('exclusiveStartKey') ?? ''],
  'POST /v1/api-keys': () => ({ id: 9, name: 'ci', key: 'vd_new' }),
});
const vibedasher = new Vibedasher({ apiKey: 'key', region: 'eu-central-1', fetch, maxRetries: 0 });
const handled: string[] = [];
function handle(ds: Dataset): void {
  handled.push(ds.name);
}

// Error handling, as the docs write it: `response` is a Response on both branches
{
  const { data, error, response } = await vibedasher.datasets.list();
  if (error) {
    console.error(`Request failed (${response.status})`, error);
  } else {
    console.log(data.items.length);
  }
}

// Pagination, as the docs write it: a page has its body's fields
let cursor: number | null | undefined = undefined;
do {
  const { data, error } = await vibedasher.datasets.list({
    query: { limit: 100, exclusiveStartKey: cursor },
  });
  if (error) throw error;
  for (const ds of data.datasets ?? []) handle(ds);
  cursor = data.nextKey;
} while (cursor != null);
assert.deepEqual(handled, ['a', 'b']);
assert.equal(seen[1]!.url, 'https://api.eu-central-1.vibedasher.com/v1/datasets?limit=100');
assert.equal(seen[2]!.url, 'https://api.eu-central-1.vibedasher.com/v1/datasets?limit=100&exclusiveStartKey=1');

// ... and iterating walks every item of every page
const walked: string[] = [];
for await (const ds of vibedasher.datasets.list()) walked.push(ds.name);
assert.deepEqual(walked, ['a', 'b']);

// Snake_case methods on camelCase resources (method_case: snake)
const { data: minted } = await vibedasher.apiKeys.create_api({ body: { name: 'ci' } });
console.log(minted?.key);
assert.equal(seen.at(-1)!.url, 'https://api.eu-central-1.vibedasher.com/v1/api-keys');

// The escape hatch, as the docs write it: the shared client, `auth` sent as X-Api-Key
process.env.VIBEDASHER_API_KEY = 'env-key';
client.setConfig({ fetch, maxRetries: 0 });
client.setConfig({
  baseUrl: 'https://api.eu-central-1.vibedasher.com',
  auth: process.env.VIBEDASHER_API_KEY!, // sent as X-Api-Key
});
{
  const { data, error } = await readDatasets();
  if (error) throw error;
  assert.deepEqual(data.datasets.map((ds) => ds.id), [1]);
  assert.equal(seen.at(-1)!.headers.get('x-api-key'), 'env-key');
}
// an option the shared client does not know is refused, not ignored
assert.throws(() => client.setConfig({ apiKye: 'typo' } as never), {
  name: 'TypeError',
  message: /^Unknown client option "apiKye" \(known: /,
});

// An error branch with no response from the server: still a Response (status 0)
const offline = new Vibedasher({ apiKey: 'key', maxRetries: 0, fetch: async () => Promise.reject(new TypeError('down')) });
const failed = await offline.datasets.list();
assert.equal(failed.error?.name, 'APIConnectionError');
assert.equal(failed.response.status, 0);
console.log('vibedasher examples ok');
"""

ZATABASE = r"""
import assert from 'node:assert/strict';
import { ZatabaseClient } from './src/index.js';
import { fakeFetch, seen } from './fake.js';

const queryVec = [0.1, 0.2];
const fetch = fakeFetch({
  'POST /auth/login': () => ({ access_token: 'jwt', refresh_token: 'r', expires_in: 3600 }),
  'POST /sql/execute': () => ({ columns: ['name'], rows: [['Widget']] }),
  'POST /collections': () => ({ name: 'documents' }),
  'POST /collections/documents/ingest': () => ({ inserted: 2 }),
  'GET /collections': () => ({ collections: [] }),
  'DELETE /collections/documents': () => undefined,
  'POST /jobs': () => ({ id: 'job_1', status: 'pending' }),
  'GET /jobs/job_1': () => ({ id: 'job_1', status: 'running' }),
  'GET /jobs/job_1/logs': () => ({ lines: [] }),
  'GET /jobs/job_1/artifacts': () => ({ artifacts: [] }),
  'GET /health': () => ({ status: 'ok' }),
  'POST /auth/logout': () => undefined,
});

// With an API key (recommended for server-side)
const keyed = new ZatabaseClient({ baseUrl: 'https://your-project.zatabase.io', apiKey: 'your-api-key', fetch });
void keyed;

// Or with email/password authentication
const db = new ZatabaseClient({ baseUrl: 'https://your-project.zatabase.io', fetch, maxRetries: 0 });
await db.authenticate('admin@example.com', 'SecurePass123!');

// Create a table
await db.sql.executeSql({ query: 'CREATE TABLE products (name TEXT, price FLOAT, embedding VECTOR(384))' });
// Query data
const result = await db.sql.executeSql({ query: 'SELECT * FROM products WHERE price < 20' });
console.log(result.rows);

// Create a collection with a projection
await db.collections.createCollection({
  name: 'documents',
  table_name: 'documents_table',
  fields: {
    title: { type: 'text' },
    content: { type: 'text' },
    embedding: { type: 'vector', dimensions: 768 },
  },
});
// Ingest data
await db.collections.ingestData('documents', {
  records: [
    { title: 'First doc', content: 'Hello world', embedding: new Array(768).fill(0.1) },
    { title: 'Second doc', content: 'Goodbye world', embedding: new Array(768).fill(0.2) },
  ],
});
// List collections
const collections = await db.collections.listCollections();
console.log(collections);
// Delete a collection
await db.collections.deleteCollection('documents');

// Exact KNN via SQL
const knnResult = await db.sql.executeSql({
  query: `SELECT name, embedding <-> ARRAY[${queryVec.join(',')}] AS distance FROM products ORDER BY embedding <-> ARRAY[${queryVec.join(',')}] LIMIT 10`,
});
void knnResult;

// Submit a background job
const job = await db.jobs.submitJob({
  command: ['python', 'train_model.py'],
  input_data: { dataset: 'v2' },
});
// Check status
const status = await db.jobs.getJob(job.id);
console.log(status.status); // "pending" | "running" | "succeeded" | "failed"
// Retrieve logs
const logs = await db.jobs.getJobLogs(job.id);
// List artifacts
const artifacts = await db.jobs.listJobArtifacts(job.id);
void logs, artifacts;

const isHealthy = await db.healthCheck();
console.log(`Server reachable: ${isHealthy}`);
await db.logout();

const sent = seen.map((r) => `${r.method} ${new URL(r.url).pathname}`);
assert.deepEqual(sent, [
  'POST /auth/login', 'POST /sql/execute', 'POST /sql/execute', 'POST /collections',
  'POST /collections/documents/ingest', 'GET /collections', 'DELETE /collections/documents', 'POST /sql/execute',
  'POST /jobs', 'GET /jobs/job_1', 'GET /jobs/job_1/logs', 'GET /jobs/job_1/artifacts', 'GET /health',
  'POST /auth/logout',
]);
assert.deepEqual(await seen[0]!.json(), { email: 'admin@example.com', password: 'SecurePass123!' });
assert.deepEqual(await seen[1]!.json(), { query: 'CREATE TABLE products (name TEXT, price FLOAT, embedding VECTOR(384))' });
assert.equal((await seen[4]!.json()).records.length, 2);
assert.deepEqual(await seen[8]!.json(), { command: ['python', 'train_model.py'], input_data: { dataset: 'v2' } });
assert.equal(seen[1]!.headers.get('authorization'), 'Bearer jwt');

// A string where the parameters object belongs is refused, not spread character by character
await assert.rejects(db.sql.executeSql('SELECT 1' as never), {
  name: 'TypeError',
  message: 'The parameters must be an object of named values, not the string "SELECT 1"',
});
console.log('zatabase examples ok');
"""

EXAMPLES = {"vibedasher": VIBEDASHER, "zatabase": ZATABASE}


@pytest.mark.parametrize("version", TSC_VERSIONS)
@pytest.mark.parametrize("spec", sorted(EXAMPLES))
def test_doc_examples_compile_and_run(spec: str, version: str, tmp_path: Path) -> None:
    shutil.copytree(golden_dir(spec, "typescript") / "src", tmp_path / "src")
    (tmp_path / "fake.ts").write_text(FAKE, encoding="utf-8")
    (tmp_path / "examples.ts").write_text(EXAMPLES[spec], encoding="utf-8")
    write_node_project(tmp_path, ["examples.ts", "fake.ts", "src"])
    compiled = run([tool("tsc", version), "-p", "tsconfig.json"], tmp_path)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    result = run([node(), "out/examples.js"], tmp_path)
    assert result.returncode == 0 and f"{spec} examples ok" in result.stdout, result.stdout + result.stderr
