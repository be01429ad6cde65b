/** A test client over the runtime, and a fake `fetch` that records requests and answers from a script. */

import { ApiKeyAuth, type AuthProvider } from '../core/auth.js';
import { BaseClient, type ClientOptions } from '../core/client.js';

export interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
  form: FormData | null;
}

export type Answer = Response | Error | ((request: Request, signal: AbortSignal | undefined) => Promise<Response>);

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** A fetch answering each request with the next answer (the last one repeats). */
export function fakeFetch(answers: Answer[]): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  let index = 0;
  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input as Request, init);
    const type = request.headers.get('content-type') ?? '';
    const form = type.startsWith('multipart/form-data') ? await request.clone().formData() : null;
    seen.push({
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
      body: form ? '' : await request.text(),
      form,
    });
    const answer = answers[Math.min(index++, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer(request, init?.signal ?? undefined);
    if (!answer) throw new Error('no answer scripted');
    return answer.clone();
  };
  return { fetch: impl as typeof fetch, seen };
}

/** A client with one API-key scheme (`key`) by default; waits are recorded, not slept. */
export class TestClient extends BaseClient {
  readonly slept: number[] = [];

  constructor(options: ClientOptions = {}, auth?: Record<string, AuthProvider>, security = [['key']]) {
    super(options, {
      baseUrl: 'https://api.example.com/v1',
      userAgent: 'test/1.0.0 node',
      retries: { maxRetries: 2, baseDelay: 500, maxDelay: 8000, timeout: 60_000, refreshBuffer: 60_000, refreshRetries: 2 },
      auth: auth ?? { key: new ApiKeyAuth('X-Api-Key', 'header', 'secret') },
      security,
    });
    this.sleep = async (ms: number) => void this.slept.push(ms);
    this.random = () => 0;
  }
}
