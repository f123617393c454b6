import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyContextConfig, FastifyInstance } from 'fastify';
import type { IdentityProvider } from './create-identity-provider.js';

export interface MountIdentityProviderOptions {
  /** The path the provider answers under; must be the issuer's path (`/oidc`). */
  readonly prefix: string;
  /**
   * Whether a peer address is a trusted reverse proxy (the API's `trustProxy`, as
   * `trustedPeer(trustProxy)` in @ward/http builds it). When given, the provider reads
   * `X-Forwarded-Proto/-Host/-For` (Koa's `proxy`), and those headers are removed from requests
   * of any other peer first, so only a trusted proxy can change the scheme, host or client address
   * the provider sees. Absent: the provider's own `trustProxy` setting stands.
   */
  readonly trustedPeer?: (address: string | undefined) => boolean;
  /**
   * Route config of the mounted routes, for the host's hooks: the admin API marks public routes
   * with `publicRoute()` so its bearer hook lets the provider's own authentication run.
   */
  readonly routeConfig?: FastifyContextConfig;
}


/**
 * Serves the provider under `prefix` on a Fastify instance: every method on `prefix` and
 * `prefix/*` is handed, unparsed, to oidc-provider's Koa app on the raw request (`reply.hijack()`),
 * as Express's mount would: `req.url` relative to the prefix, `req.originalUrl` the full path, so
 * the provider builds its own URLs under the issuer. Fastify's body parsers do not read these
 * requests (a scoped catch-all parser leaves the stream to oidc-provider, which applies its own
 * limits). With `trustedPeer`, forwarded headers are honoured from trusted proxies only.
 */
export function mountIdentityProvider(app: FastifyInstance, idp: IdentityProvider, options: MountIdentityProviderOptions): void {
  const prefix = options.prefix.replace(/\/+$/u, '');
  if (prefix !== idp.mountPath) throw new Error(`mountIdentityProvider: prefix ${prefix} is not the issuer's path ${idp.mountPath}`);
  const trusted = options.trustedPeer;
  if (trusted !== undefined) idp.provider.proxy = true;

  void app.register(
    (scope, _options, done) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, parsed) => {
        parsed(null, undefined);
      });
      const forward = (request: { raw: IncomingMessage & { originalUrl?: string } }, reply: { hijack(): void; raw: ServerResponse }): void => {
        reply.hijack();
        const raw = request.raw;
        if (trusted !== undefined && !trusted(raw.socket.remoteAddress)) {
          const headers = raw.headers as Record<string, unknown>;
          delete headers['x-forwarded-for'];
          delete headers['x-forwarded-proto'];
          delete headers['x-forwarded-host'];
          delete headers['x-forwarded-port'];
        }
        const original = raw.url ?? '/';
        raw.originalUrl = original;
        const rest = original.slice(prefix.length);
        raw.url = rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
        idp.handle(raw, reply.raw);
      };
      // No schema: the provider speaks OAuth, specified by its RFCs, and stays out of Ward's OpenAPI
      // document. HEAD comes with GET (Fastify's exposeHeadRoutes).
      for (const url of ['/', '/*']) {
        scope.route({
          method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
          url,
          ...(options.routeConfig === undefined ? {} : { config: options.routeConfig }),
          handler: (request, reply) => {
            forward(request, reply);
          },
        });
      }
      done();
    },
    { prefix },
  );
}
