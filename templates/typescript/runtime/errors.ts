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

/**
 * The `X-RateLimit-Limit`, `-Remaining` and `-Reset` response headers, each `null` when absent or not a whole
 * number. `reset` is as the server sent it: seconds from now, or an epoch time in seconds when larger than 1e9.
 */
export interface RateLimit {
  limit: number | null;
  remaining: number | null;
  reset: number | null;
}

/** A header holding a whole number, or `null`. */
export function intHeader(headers: Headers, name: string): number | null {
  const value = headers.get(name)?.trim();
  return value && /^[+-]?\d+$/.test(value) ? Number(value) : null;
}

/** The rate-limit headers, or `null` when the response has none. */
export function parseRateLimit(headers: Headers): RateLimit | null {
  const limit = intHeader(headers, 'x-ratelimit-limit');
  const remaining = intHeader(headers, 'x-ratelimit-remaining');
  const reset = intHeader(headers, 'x-ratelimit-reset');
  return limit === null && remaining === null && reset === null ? null : { limit, remaining, reset };
}

/** Base of every error the SDK throws (or returns, in result mode). */
export class APIError extends Error {
  /** The decoded error body (JSON or text), when there was one. */
  readonly body: unknown;
  /** The machine-readable error code from the envelope, when there was one. */
  readonly code: string | null;
  /** The request it answers (as sent, after the request interceptors); unset when none was sent. */
  request: Request | undefined;

  constructor(message: string, options: { body?: unknown; code?: string | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.body = options.body;
    this.code = options.code ?? null;
  }
}

/** `error`, when it is an `APIError` without a request, given `request`; anything else as it is. */
export function sentBy(error: unknown, request: Request): unknown {
  if (error instanceof APIError) error.request ??= request;
  return error;
}

/**
 * The server answered with a 4xx or 5xx status. `apiMessage` is the message of the error envelope (`Error code:
 * 404` when there is none); `message` is `404 Not Found: <apiMessage>` (`404 Not Found` when there is none), the
 * same text in every SDK.
 */
export class APIStatusError extends APIError {
  readonly status: number;
  readonly headers: Headers;
  readonly requestId: string | null;
  /** The response's `X-RateLimit-*` headers, `null` without any. */
  readonly rateLimit: RateLimit | null;
  /** The field the error envelope names (`errors[0].field`, else `error.field`), `null` when it names none. */
  readonly field: string | null;
  readonly response: Response;
  readonly apiMessage: string;

  constructor(message: string | null, response: Response, body: unknown, code: string | null) {
    super(statusText(response.status, message), { body, code });
    this.apiMessage = message || `Error code: ${response.status}`;
    this.response = response;
    this.status = response.status;
    this.headers = response.headers;
    this.requestId = requestIdFrom(response.headers);
    this.rateLimit = parseRateLimit(response.headers);
    this.field = errorField(body);
  }
}

/** The reason phrases of the error statuses, as Go's `net/http` writes them (the response's own may be absent). */
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  414: 'Request URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Requested Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended',
  511: 'Network Authentication Required',
};

/** `404 Not Found: <message>`, or `404 Not Found` without a message (`499: <message>` for a status with no phrase). */
export function statusText(status: number, message: string | null): string {
  const reason = REASONS[status];
  const head = reason ? `${status} ${reason}` : String(status);
  return message ? `${head}: ${message}` : head;
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

type StatusErrorClass = new (
  message: string | null,
  response: Response,
  body: unknown,
  code: string | null,
) => APIStatusError;

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
/** `errors[0].field` or `error.field` of an error body, when a string. */
export function errorField(body: unknown): string | null {
  if (!isObject(body)) return null;
  const errors = body['errors'];
  const first = Array.isArray(errors) && errors.length ? errors[0] : body['error'];
  const field = isObject(first) ? first['field'] : null;
  return typeof field === 'string' && field ? field : null;
}

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
  return new ErrorClass(message, response, body, code);
}
