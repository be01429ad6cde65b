/**
 * The error hierarchy and error-envelope parsing.
 *
 * `APIError` → `APIStatusError` (one subclass per common status) and `APIConnectionError` → `APITimeoutError`.
 * `makeStatusError` turns a failed response into the right error with the message and machine code read from
 * the usual error envelopes.
 */

/** The `x-request-id` (or `request-id`) response header. */
export function requestIdFrom(headers: Headers): string | null {
  return headers.get('x-request-id') || headers.get('request-id') || null;
}

/** Base of every error the SDK throws (or returns, in result mode). */
export class APIError extends Error {
  /** The decoded error body (JSON or text), when there was one. */
  readonly body: unknown;
  /** The machine-readable error code from the envelope, when there was one. */
  readonly code: string | null;

  constructor(message: string, options: { body?: unknown; code?: string | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.body = options.body;
    this.code = options.code ?? null;
  }
}

/** The server answered with a 4xx or 5xx status. */
export class APIStatusError extends APIError {
  readonly status: number;
  readonly headers: Headers;
  readonly requestId: string | null;
  readonly response: Response;

  constructor(message: string, response: Response, body: unknown, code: string | null) {
    super(message, { body, code });
    this.response = response;
    this.status = response.status;
    this.headers = response.headers;
    this.requestId = requestIdFrom(response.headers);
  }
}

/** 400 */
export class BadRequestError extends APIStatusError {}
/** 401 */
export class AuthenticationError extends APIStatusError {}
/** 403 */
export class PermissionDeniedError extends APIStatusError {}
/** 404 */
export class NotFoundError extends APIStatusError {}
/** 409 */
export class ConflictError extends APIStatusError {}
/** 422 */
export class UnprocessableEntityError extends APIStatusError {}
/** 429 */
export class RateLimitError extends APIStatusError {}
/** Any 5xx */
export class InternalServerError extends APIStatusError {}

/** No response: the connection failed or broke. */
export class APIConnectionError extends APIError {
  constructor(message = 'Connection error.', cause?: unknown) {
    super(message, { cause });
  }
}

/** No response within the timeout. */
export class APITimeoutError extends APIConnectionError {
  constructor(cause?: unknown) {
    super('Request timed out.', cause);
  }
}

/** The caller's `signal` aborted the request. Never retried. */
export class APIUserAbortError extends APIError {
  constructor() {
    super('Request was aborted.');
  }
}

type StatusErrorClass = new (message: string, response: Response, body: unknown, code: string | null) => APIStatusError;

const STATUS_ERRORS: Record<number, StatusErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** Exact statuses; every 5xx maps to `InternalServerError`; any other status to `APIStatusError`. */
export function errorClassForStatus(status: number): StatusErrorClass {
  return STATUS_ERRORS[status] ?? (status >= 500 ? InternalServerError : APIStatusError);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function codeOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'bigint') return value.toString();
  return null;
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value ? value : null;
}

function fromErrorList(items: unknown[]): [string | null, string | null] {
  const messages: string[] = [];
  let code: string | null = null;
  for (const item of items) {
    if (typeof item === 'string') messages.push(item);
    else if (isObject(item)) {
      const text = textOf(item['message']) ?? textOf(item['msg']);
      if (text) messages.push(text);
      if (code === null) code = codeOf(item['code']);
    }
  }
  return [messages.join('; ') || null, code];
}

/**
 * `[message, code]` from a decoded error body; `null` where absent.
 *
 * Envelopes, in order: `{error: {message, code|type}}` (also with `success: false`), `{error: "text"}` (with
 * OAuth's `error_description`), `{errors: [{code, message, field}]}`, `{message, code}`,
 * `{detail: string | [{msg}]}`, `{title}`.
 */
export function extractError(body: unknown): [string | null, string | null] {
  if (!isObject(body)) return [null, null];
  const error = body['error'];
  if (isObject(error)) {
    const message = textOf(error['message']);
    const code = codeOf(error['code']) ?? codeOf(error['type']);
    if (message || code) return [message, code];
  }
  if (typeof error === 'string' && error) {
    const description = textOf(body['error_description']);
    if (description) return [description, error];
    return [error, codeOf(body['code'])];
  }
  const errors = body['errors'];
  if (Array.isArray(errors) && errors.length) {
    const [message, code] = fromErrorList(errors);
    if (message) return [message, code];
  }
  const message = textOf(body['message']);
  if (message) return [message, codeOf(body['code'])];
  const detail = body['detail'];
  if (typeof detail === 'string' && detail) return [detail, codeOf(body['code'])];
  if (Array.isArray(detail)) {
    const [text, code] = fromErrorList(detail);
    if (text) return [text, code];
  }
  const title = textOf(body['title']);
  if (title) return [title, codeOf(body['code'])];
  return [null, null];
}

/** The error for a 4xx/5xx response whose body has been decoded. */
export function makeStatusError(response: Response, body: unknown): APIStatusError {
  const [message, code] = extractError(body);
  const ErrorClass = errorClassForStatus(response.status);
  return new ErrorClass(message ?? `Error code: ${response.status}`, response, body, code);
}
