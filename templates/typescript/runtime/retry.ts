/**
 * When to retry and how long to wait.
 *
 * Retried: connection errors, timeouts, 408, 429, 500, 502, 503, 504, and 409 with `x-should-retry: true`;
 * never with `x-should-retry: false`. Delay before retry `n` (0-based): a server hint (`retry-after-ms`, then
 * `Retry-After` as seconds or an HTTP-date, then, on a 429 only, `X-RateLimit-Reset`) when it is between 0 and
 * `maxRetryAfter`; otherwise `min(maxDelay, baseDelay * 2 ** n)` times a jitter factor in `[0.75, 1]`. All times
 * are milliseconds. `X-RateLimit-Reset` is seconds from now, or an epoch time in seconds when larger than 1e9.
 */

import { APIUserAbortError, intHeader } from './errors.js';

const EPOCH_THRESHOLD = 1e9;

/** Milliseconds until `X-RateLimit-Reset`, or `null` without one. */
export function rateLimitResetDelay(headers: Headers, now: number): number | null {
  const reset = intHeader(headers, 'x-ratelimit-reset');
  if (reset === null) return null;
  return Math.max(0, reset > EPOCH_THRESHOLD ? reset * 1000 - now : reset * 1000);
}

export interface RetryPolicy {
  maxRetries: number;
  baseDelay: number;
  maxDelay: number;
  maxRetryAfter: number;
  /** Off: every retry waits `baseDelay` (capped by `maxDelay`). */
  exponentialBackoff: boolean;
}

/** The client's `retryConfig` (milliseconds); each field left out keeps the SDK's default. */
export interface RetryConfig {
  maxRetries?: number | undefined;
  baseDelay?: number | undefined;
  maxDelay?: number | undefined;
  exponentialBackoff?: boolean | undefined;
}

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const RETRY_IF_ASKED_STATUSES = new Set([409]);

/** The retry table, for a response that arrived. */
export function shouldRetryStatus(status: number, headers: Headers): boolean {
  const hint = (headers.get('x-should-retry') ?? '').trim().toLowerCase();
  if (hint === 'false') return false;
  if (RETRYABLE_STATUSES.has(status)) return true;
  return hint === 'true' && RETRY_IF_ASKED_STATUSES.has(status);
}

/** Milliseconds the server asked us to wait, or `null` when it did not say. */
export function parseRetryAfter(headers: Headers, now: number): number | null {
  const millis = headers.get('retry-after-ms');
  if (millis !== null && millis.trim() !== '' && Number.isFinite(Number(millis))) {
    return Math.max(0, Number(millis));
  }
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (Number.isFinite(Number(value))) return Math.max(0, Number(value) * 1000);
  const when = Date.parse(value);
  return Number.isNaN(when) ? null : Math.max(0, when - now);
}

/**
 * Milliseconds to sleep before the next try; `jitter` is uniform in `[0, 1)`; `status` is the status retried
 * (`null` for a connection failure).
 */
export function retryDelay(
  policy: RetryPolicy,
  retriesDone: number,
  headers: Headers | null,
  now: number,
  jitter: number,
  status: number | null = null,
): number {
  if (headers !== null) {
    let hinted = parseRetryAfter(headers, now);
    if (hinted === null && status === 429) hinted = rateLimitResetDelay(headers, now);
    if (hinted !== null && hinted <= policy.maxRetryAfter) return hinted;
  }
  const growth = policy.exponentialBackoff ? 2 ** Math.min(retriesDone, 62) : 1;
  const backoff = Math.min(policy.maxDelay, policy.baseDelay * growth);
  return Math.max(0, backoff * (1 - 0.25 * jitter));
}

/** Wait `ms` milliseconds; an abort of `signal` ends the wait at once with an `APIUserAbortError`. */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new APIUserAbortError());
    const abort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', abort, { once: true });
  });
}
