/** One answer to a package download request. */
export interface PackageResponse {
  readonly status: number;
  /** A response header (lower-case name), or undefined when absent. */
  header(name: string): string | undefined;
  /** The body, read once. */
  readonly body: AsyncIterable<Uint8Array>;
  /** Stops reading the body and releases the connection (for answers the agent does not use). */
  discard(): void;
}

/**
 * GETs package files from the Ward server, authenticated as the device. `path` is one that
 * `packagePathProblem` accepted; implementations resolve it against the server they trust.
 */
export interface PackageFetcher {
  /**
   * Sends `GET path` with `headers` (`range`, `if-range`).
   *
   * @throws Error when the server cannot be reached or the request is aborted.
   */
  get(path: string, headers: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<PackageResponse>;
}
