/**
 * What a method returns: `APIPromise<T>` (await it for the result, `.withResponse()` for the raw response too)
 * and, in result style, `ResultPromise<T>` (await it for `{ data, error, request, response }`; nothing is thrown
 * for an HTTP or connection error).
 */

import { APIConnectionError, APIError, APIStatusError, parseRateLimit, type RateLimit } from './errors.js';

/**
 * The result together with the request sent, the HTTP response, the whole decoded body (envelope included) and the
 * response's `X-RateLimit-*` headers (`null` without any).
 */
export interface WithResponse<T> {
  data: T;
  request: Request;
  response: Response;
  body: unknown;
  rateLimit: RateLimit | null;
}

/** What a request gives before `withResponse()` adds the rate limit. */
export type Arrival<T> = Omit<WithResponse<T>, 'rateLimit'>;

/**
 * Result style: exactly one of `data` and `error` is set. `response` is always a `Response`: without one from the
 * server (a connection error, a timeout) it is `Response.error()`, status 0. `request` is the last one sent
 * (`undefined` only when the call failed before sending one).
 */
export type Result<T> =
  | { data: T; error: undefined; request: Request; response: Response }
  | { data: undefined; error: APIError; request: Request | undefined; response: Response };

/** A lazy request: it starts when first awaited (or on `.withResponse()`), and runs once. */
export class APIPromise<T> implements Promise<T> {
  readonly [Symbol.toStringTag] = 'APIPromise';
  private started: Promise<WithResponse<T>> | undefined;

  constructor(private readonly start: () => Promise<Arrival<T>>) {}

  /** The result, the `Response` (body already read), the whole decoded body and the rate limit. */
  withResponse(): Promise<WithResponse<T>> {
    this.started ??= this.start().then((raw) => ({ ...raw, rateLimit: parseRateLimit(raw.response.headers) }));
    return this.started;
  }

  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.withResponse()
      .then((raw) => raw.data)
      .then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  /** The same request in result style. */
  asResult(): ResultPromise<T> {
    return new ResultPromise(this);
  }
}

/**
 * An `x-zsdk-result: ok` call: awaiting it gives `true` for a 2xx answer and `false` for an error status, a failed
 * connection or a timeout once the retries are spent; `.withResponse()` throws those instead (an abort always
 * throws).
 */
export class OkPromise extends APIPromise<boolean> {
  override then<A = boolean, B = never>(
    onfulfilled?: ((value: boolean) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.withResponse()
      .then(
        (raw) => raw.data,
        (error: unknown) => {
          if (error instanceof APIStatusError || error instanceof APIConnectionError) return false;
          throw error;
        },
      )
      .then(onfulfilled, onrejected);
  }
}

/** Turn a thrown `APIError` into a `Result`; anything else is rethrown. */
export function toResult<T>(promise: Promise<WithResponse<T>>): Promise<Result<T>> {
  return promise.then(
    (raw): Result<T> => ({ data: raw.data, error: undefined, request: raw.request, response: raw.response }),
    (error: unknown): Result<T> => {
      if (!(error instanceof APIError)) throw error;
      const response = error instanceof APIStatusError ? error.response : Response.error();
      return { data: undefined, error, request: error.request, response };
    },
  );
}

/** Result style: awaiting gives `{ data, error, response }` and never throws for an HTTP or connection error. */
export class ResultPromise<T> implements Promise<Result<T>> {
  readonly [Symbol.toStringTag] = 'ResultPromise';

  constructor(protected readonly inner: APIPromise<T>) {}

  /** The result, the `Response` and the whole decoded body; this one throws on an error. */
  withResponse(): Promise<WithResponse<T>> {
    return this.inner.withResponse();
  }

  then<A = Result<T>, B = never>(
    onfulfilled?: ((value: Result<T>) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return toResult(this.inner.withResponse()).then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Result<T> | B> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<Result<T>> {
    return this.then().finally(onfinally);
  }
}
