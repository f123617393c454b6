import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.gen';
import { session } from './session';

/** The one error shape of the API. */
export type ErrorBody = components['schemas']['Error'];

/** A stable error code of the API (`DEVICE_NOT_FOUND`, …). */
export type ErrorCode = ErrorBody['error']['code'];

/**
 * A refusal or failure the API answered, with its stable code, its message for people, the request
 * id that ties it to the server's log, and structured details where there are any. Network
 * failures become one too (code `NETWORK`), so every error a page shows has the same parts.
 */
export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK' | 'UNEXPECTED_RESPONSE';
  readonly requestId: string | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(status: number, code: ApiProblem['code'], message: string, requestId?: string, details?: Readonly<Record<string, unknown>>, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.details = details;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && 'message' in error && typeof error.message === 'string';
}

/** The problem an answer stands for: the API's own error body, or a description of what arrived instead. */
export function problemOf(response: Response, body: unknown): ApiProblem {
  if (isErrorBody(body)) {
    const details = body.error.details;
    return new ApiProblem(response.status, body.error.code, body.error.message, body.error.requestId, details);
  }
  return new ApiProblem(response.status, 'UNEXPECTED_RESPONSE', `The server answered ${response.status} ${response.statusText} without an error body.`, response.headers.get('x-request-id') ?? undefined);
}

// Codes that mean the session is gone; any page then asks for the password again in place.
const sessionEndingCodes: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_REVOKED']);

const authentication: Middleware = {
  onRequest({ request }) {
    const current = session.get();
    if (current !== undefined && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${current.token}`);
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401 || !request.headers.has('authorization')) return response;
    const body: unknown = await response.clone().json().catch(() => undefined);
    if (isErrorBody(body) && sessionEndingCodes.has(body.error.code)) session.expire(body.error.message);
    return response;
  },
};

/**
 * The typed client of the admin API: paths, parameters, bodies and answers come from the
 * generated `schema.gen.ts`, so a call that no longer matches the API does not compile.
 */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(authentication);

/** What openapi-fetch resolves to. */
interface FetchOutcome<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * The data of a successful call, or an {@link ApiProblem} thrown for anything else, so TanStack
 * Query sees failures as failures and every page can show them the same way.
 */
export async function ok<T>(call: Promise<FetchOutcome<T>>): Promise<T> {
  let outcome: FetchOutcome<T>;
  try {
    outcome = await call;
  } catch (cause) {
    throw new ApiProblem(0, 'NETWORK', 'The server could not be reached. Check the connection and try again.', undefined, undefined, { cause });
  }
  const { response } = outcome;
  if (!response.ok) throw problemOf(response, outcome.error);
  // 204 answers carry no data; the caller's type says undefined then.
  return outcome.data as T;
}

/**
 * {@link ok} for reports that answer JSON or CSV, asked for JSON: the CSV text alternative of the
 * answer's type is ruled out here, once, instead of in every page.
 */
export async function okJson<T>(call: Promise<FetchOutcome<T>>): Promise<Exclude<T, string>> {
  const data = await ok(call);
  if (typeof data === 'string') throw new ApiProblem(200, 'UNEXPECTED_RESPONSE', 'The server answered text where JSON was asked for.');
  return data as Exclude<T, string>;
}
