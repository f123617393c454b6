import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';
import { peerChain } from './server-trust.js';

/**
 * Connects to the server with TLS, sends nothing, and returns the certificates it presents, leaf
 * first. Verification is off on purpose: this is how the agent learns what it is about to decide
 * to trust (by fingerprint or on first use); nothing secret crosses this connection.
 */
export function probeServerChain(url: URL, timeoutMs = 15_000): Promise<X509Certificate[]> {
  return new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const socket = connect({
      host,
      port: url.port === '' ? 443 : Number(url.port),
      servername: isIpAddress(host) ? undefined : host,
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    socket.once('secureConnect', () => {
      const chain = peerChain(socket.getPeerCertificate(true)).map((c) => new X509Certificate(c.raw));
      socket.end();
      resolve(chain);
    });
    socket.once('timeout', () => socket.destroy(new Error(`no TLS answer from ${url.host} within ${timeoutMs} ms`)));
    socket.once('error', (error: Error) => {
      reject(new Error(`cannot reach ${url.host}: ${error.message}`, { cause: error }));
    });
  });
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
