import { isIP } from 'node:net';
import { connect as tlsConnect, createSecureContext, type SecureContext, type TLSSocket } from 'node:tls';
import type { buildConnector } from 'undici';

/** What a device's TLS connections present and trust. */
export interface DeviceTlsOptions {
  /** The device key, PEM. */
  readonly key: string;
  /** The device certificate then its issuing chain, PEM. */
  readonly cert: string;
  /** The root the device pinned at enrollment; the server must chain to it (never the system's CAs). */
  readonly ca: string;
}

/** Handshakes counted by kind, for the report. */
export interface HandshakeCounter {
  tlsFull: number;
  tlsResumed: number;
}

/**
 * One device's TLS identity: its secure context, built once (parsing a key and two certificates
 * per connection would cost the load generator more than the server), and its last TLS session,
 * which the next check-in connection resumes as a real agent's https.Agent does.
 *
 * The session is held here, strongly and per device: undici's own connector caches sessions by
 * server name only (one device's session offered by another would be refused, or worse, resumed
 * as the wrong identity) and through WeakRefs that a garbage collection empties.
 */
export class DeviceTls {
  readonly secureContext: SecureContext;
  #session: Buffer | undefined;

  constructor(options: DeviceTlsOptions) {
    this.secureContext = createSecureContext({ key: options.key, cert: options.cert, ca: options.ca, minVersion: 'TLSv1.2' });
  }

  /**
   * An undici connector over this identity. Opens one TLS connection per call, verifying the
   * server against the pinned root, and gives up after `timeoutMs` without a handshake.
   */
  connector(counter: HandshakeCounter, timeoutMs: number): buildConnector.connector {
    return ({ hostname, port }, callback) => {
      let pending: typeof callback | undefined = callback;
      const socket: TLSSocket = tlsConnect({
        host: hostname,
        port: Number(port === '' ? 443 : port),
        // SNI carries names, never addresses (RFC 6066); an address is checked against the certificate's IP entries.
        ...(isIP(hostname) === 0 ? { servername: hostname } : {}),
        secureContext: this.secureContext,
        ...(this.#session === undefined ? {} : { session: this.#session }),
        ALPNProtocols: ['http/1.1'],
      });
      const timer = setTimeout(() => {
        socket.destroy(new Error(`no TLS handshake with ${hostname}:${port} within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.on('session', (session: Buffer) => {
        this.#session = session;
      });
      socket.setNoDelay(true);
      socket.once('secureConnect', () => {
        clearTimeout(timer);
        if (socket.isSessionReused()) counter.tlsResumed++;
        else counter.tlsFull++;
        const done = pending;
        pending = undefined;
        done?.(null, socket);
      });
      socket.on('error', (error: Error) => {
        clearTimeout(timer);
        const done = pending;
        pending = undefined;
        done?.(error, null);
      });
      return socket;
    };
  }
}
