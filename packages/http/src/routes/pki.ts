import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { publicRoute } from '../route-access.js';

/** Options of the PKI routes. */
export interface PkiRoutesOptions {
  readonly crl: () => Promise<Uint8Array>;
}

/**
 * `GET /pki/crl`: the device CA's certificate revocation list, for relying parties outside Ward
 * (a VPN, a Wi-Fi RADIUS server) that accept device certificates. Ward itself checks revocation
 * against its own records on every device request.
 */
export const pkiRoutes: FastifyPluginCallbackTypebox<PkiRoutesOptions> = (app, { crl }, done) => {
  app.get('/pki/crl', {
    schema: {
      tags: ['pki'],
      operationId: 'getCrl',
      summary: 'The current CRL of the device CA, DER.',
      produces: ['application/pkix-crl'],
      response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'A DER-encoded X.509 CRL (RFC 5280).' }) },
    },
    config: publicRoute(),
  }, async (_request, reply) => {
    const der = await crl();
    // Public and the same for everyone; a short max-age spares the server repeated fetches while a
    // revocation still reaches relying parties within minutes.
    return reply.type('application/pkix-crl').header('cache-control', 'public, max-age=300').send(Buffer.from(der.buffer, der.byteOffset, der.byteLength));
  });
  done();
};
