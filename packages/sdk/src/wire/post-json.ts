import { fromUtf8, type Bytes } from '../crypto/bytes.js';

/** The structural subset of `fetch` the SDK needs, so apps and tests can pass their own. */
export type FetchLike = (url: string, init: {
  readonly method: 'POST';
  readonly headers: Record<string, string>;
  readonly body: Bytes;
  readonly signal: AbortSignal;
  readonly redirect: 'error';
  readonly credentials: 'omit';
}) => Promise<Response>;

/** What became of a POST. */
export type PostOutcome =
  /** The server answered; `json` is undefined when the body was empty or not JSON. */
  | { readonly kind: 'answered'; readonly status: number; readonly json: unknown }
  /** No answer: network failure, timeout, a redirect (never followed: it could leak the bearer token). */
  | { readonly kind: 'unreachable'; readonly reason: string }
  /** An answer the SDK refused to read: larger than the limit. */
  | { readonly kind: 'refused'; readonly status: number; readonly reason: string };

/**
 * Reads at most `limit` bytes of `response`'s body: null when it is longer, without reading the
 * rest, so a hostile or broken server cannot make the SDK buffer an endless answer.
 */
async function readLimited(response: Response, limit: number): Promise<Bytes | null> {
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'request failed';
}

/** POSTs `body` as JSON and reads a bounded JSON answer. Never throws for network trouble. */
export async function postJson(fetchFn: FetchLike, url: string, body: Bytes, headers: Readonly<Record<string, string>>, limits: { readonly timeoutMs: number; readonly answerBytes: number }): Promise<PostOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => { controller.abort(new Error(`no answer within ${limits.timeoutMs} ms`)); }, limits.timeoutMs);
  try {
    const response = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body,
      signal: controller.signal,
      redirect: 'error',
      credentials: 'omit',
    });
    const bytes = await readLimited(response, limits.answerBytes);
    if (bytes === null) return { kind: 'refused', status: response.status, reason: `answer larger than ${limits.answerBytes} bytes` };
    let json: unknown;
    try {
      json = bytes.byteLength === 0 ? undefined : (JSON.parse(fromUtf8(bytes)) as unknown);
    } catch {
      json = undefined;
    }
    return { kind: 'answered', status: response.status, json };
  } catch (error) {
    return { kind: 'unreachable', reason: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}
