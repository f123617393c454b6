import { Agent, fetch } from 'undici';

/** An API response: status, parsed JSON body (or text), headers. */
export interface ApiResponse<T> {
  readonly status: number;
  /** The parsed JSON body, as the caller expects it to be (the test asserts it). */
  readonly body: T;
  readonly text: string;
  readonly headers: Headers;
}

/**
 * An HTTPS client that trusts exactly one CA (Ward's, as the server stored it), with full
 * certificate and host name verification: the tests check the TLS setup a real client sees.
 */
export class HttpsClient {
  readonly #base: string;
  readonly #agent: Agent;

  constructor(baseUrl: string, caPem: string) {
    this.#base = baseUrl;
    this.#agent = new Agent({ connect: { ca: caPem } });
  }

  /** Sends a request; a JSON `body` is serialised, a string is sent as is with `contentType`. */
  async request<T = Record<string, unknown>>(method: string, path: string, options: { token?: string; body?: unknown; contentType?: string; headers?: Readonly<Record<string, string>> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (typeof options.body === 'string') {
      body = options.body;
      headers['content-type'] = options.contentType ?? 'text/plain';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(new URL(path, this.#base), { method, headers, body, dispatcher: this.#agent });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text !== '') parsed = JSON.parse(text);
    return { status: response.status, body: parsed as T, text, headers: response.headers as unknown as Headers };
  }

  /** Closes the connections. */
  close(): Promise<void> {
    return this.#agent.close();
  }
}
