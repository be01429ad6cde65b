/**
 * Server-sent events: a line decoder and `Stream`, an async iterable of the events' decoded data.
 *
 * Each event's `data` is JSON-decoded (64-bit integers kept exact); a `data: [DONE]` event ends the stream; an
 * `event: error` event throws `APIError`; an unterminated last event is still delivered.
 */

import { APIError, extractError } from './errors.js';
import { parseJSON } from './json.js';

/** One dispatched event; `event` is `null` for the default type. */
export interface ServerSentEvent {
  data: string;
  event: string | null;
  id: string | null;
  retry: number | null;
}

/** Feed lines (without line endings); get events at blank lines (the WHATWG algorithm). */
export class SSEDecoder {
  private event: string | null = null;
  private data: string[] = [];
  private id: string | null = null;
  private retry: number | null = null;

  decode(line: string): ServerSentEvent | null {
    if (!line) {
      if (!this.data.length) {
        this.event = null;
        this.retry = null;
        return null;
      }
      const event = { data: this.data.join('\n'), event: this.event, id: this.id, retry: this.retry };
      this.event = null;
      this.data = [];
      this.retry = null;
      return event;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'data') this.data.push(value);
    else if (name === 'event') this.event = value;
    else if (name === 'id') {
      if (!value.includes('\0')) this.id = value;
    } else if (name === 'retry' && /^\d+$/.test(value)) this.retry = Number(value);
    return null;
  }
}

/** The lines of a byte stream, split on `\n`, `\r\n` or `\r`. */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let match: RegExpExecArray | null;
      while ((match = /\r\n|\r|\n/.exec(buffer)) !== null) {
        if (match[0] === '\r' && match.index === buffer.length - 1 && !done) break;
        yield buffer.slice(0, match.index);
        buffer = buffer.slice(match.index + match[0].length);
      }
      if (done) break;
    }
    if (buffer) yield buffer;
  } finally {
    reader.releaseLock();
  }
}

function decodeEvent<T>(event: ServerSentEvent): T {
  if (event.event === 'error') {
    let body: unknown = event.data;
    try {
      body = parseJSON(event.data);
    } catch {
      // not JSON: keep the text
    }
    const [message, code] = extractError(body);
    throw new APIError(message ?? (event.data || 'Stream error'), { body, code });
  }
  return parseJSON(event.data) as T;
}

/** The items of an SSE response; iterate it once with `for await`. */
export class Stream<T> implements AsyncIterable<T> {
  constructor(
    readonly response: Response,
    private readonly controller?: AbortController,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    const body = this.response.body;
    if (!body) return;
    const decoder = new SSEDecoder();
    try {
      for await (const line of readLines(body)) {
        const event = decoder.decode(line);
        if (event === null) continue;
        if (event.data === '[DONE]') return;
        yield decodeEvent<T>(event);
      }
      const last = decoder.decode('');
      if (last !== null && last.data !== '[DONE]') yield decodeEvent<T>(last);
    } finally {
      this.controller?.abort();
    }
  }

  /** Stop reading and close the connection. */
  close(): void {
    this.controller?.abort();
  }
}
