import { createServer } from 'node:net';

/**
 * A port that is free on `host` now: the kernel picks one for a throwaway listener, which is closed
 * at once. Used for `--port 0` when no public URL is configured, because the enrollment command
 * lines the API prints need the port before the API listens. Another process could take the port
 * in between; the server then fails to start with EADDRINUSE rather than misbehaving.
 */
export function reservePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen({ port: 0, host, exclusive: true }, () => {
      const address = probe.address();
      probe.close(() => {
        if (address === null || typeof address === 'string') reject(new Error(`no port could be reserved on ${host}`));
        else resolve(address.port);
      });
    });
  });
}
