// The admin API of the `ward serve` under a benchmark, seen from the benchmark.
import { Agent, request } from 'undici';
import { pageLimits } from '@ward/core';

/** JSON calls to the admin API with the benchmark's token, over two kept-alive connections. */
export class BenchAdminClient {
  readonly #base: string;
  readonly #token: string;
  readonly #dispatcher: Agent;

  constructor(url: string, caPem: string, token: string) {
    this.#base = url;
    this.#token = token;
    this.#dispatcher = new Agent({ connect: { ca: caPem }, connections: 2 });
  }

  /**
   * Sends `body` as JSON (none when undefined); throws unless the answer has status `expect`.
   * Generous timeouts by default: a benchmark's bulk calls (sync all) take long on a loaded server.
   */
  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body: unknown, expect: number, timeoutMs = 300_000): Promise<T> {
    const res = await request(`${this.#base}${path}`, {
      dispatcher: this.#dispatcher,
      method,
      headers: { authorization: `Bearer ${this.#token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const text = await res.body.text();
    if (res.statusCode !== expect) throw new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  }

  /** A GET answered 200. */
  get<T>(path: string, timeoutMs?: number): Promise<T> {
    return this.call<T>('GET', path, undefined, 200, timeoutMs);
  }

  /** A POST of `body` answered `expect`. */
  post<T>(path: string, body: unknown, expect: number): Promise<T> {
    return this.call<T>('POST', path, body, expect);
  }

  /** Every device id of `platform`, page after page. */
  async deviceIds(platform: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `platform=${platform}&limit=${pageLimits.max}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const page: { items: { id: string }[]; nextCursor: string | null } = await this.get(`/api/v1/devices?${query}`);
      ids.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    return ids;
  }

  /** The server's /metrics values by name (unlabelled series only). */
  async metrics(): Promise<Map<string, number>> {
    const res = await request(`${this.#base}/metrics`, { dispatcher: this.#dispatcher, headersTimeout: 30_000, bodyTimeout: 30_000 });
    const text = await res.body.text();
    const values = new Map<string, number>();
    for (const line of text.split('\n')) {
      const match = /^([a-z_:]+) (\S+)$/.exec(line);
      if (match?.[1] !== undefined) values.set(match[1], Number(match[2]));
    }
    return values;
  }

  close(): Promise<void> {
    return this.#dispatcher.close();
  }
}
