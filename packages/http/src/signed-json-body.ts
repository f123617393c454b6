import type { FastifyInstance, FastifyRequest } from 'fastify';

const rawBodies = new WeakMap<FastifyRequest, Uint8Array>();

/**
 * The exact bytes of a request's body as they arrived, for a signature over them (the SDK's
 * check-in, `docs/protocols/sdk-v1.md`): a signature is over bytes, and JSON re-serialised from a
 * parsed value need not be the same bytes. Requests read by {@link acceptSignedJsonBodies} have
 * them; a request that sent no body has none (empty bytes, which no signature covers).
 */
export function rawBodyOf(request: FastifyRequest): Uint8Array {
  return rawBodies.get(request) ?? new Uint8Array();
}

/**
 * Replaces the parsers of `scope` (a Fastify plugin scope) with one that reads a JSON body as bytes
 * and keeps them for {@link rawBodyOf}, without parsing them: whoever signed them is checked
 * first, so a stranger cannot make the server parse anything, and the use case parses the bytes
 * once the signature holds. Bodies over `bodyLimit` are refused before they are read whole (413
 * PAYLOAD_TOO_LARGE); another media type is 415. `request.body` stays undefined.
 */
export function acceptSignedJsonBodies(scope: FastifyInstance, bodyLimit: number): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    // `parseAs: 'buffer'` hands over a Buffer; the type also allows the string of `parseAs: 'string'`.
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    rawBodies.set(request, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    done(null, undefined);
  });
}
