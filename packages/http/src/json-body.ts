import type { FastifyInstance } from 'fastify';

/**
 * Replaces Fastify's JSON parser with the same parser (prototype-poisoning checks included) that
 * reads an empty body as no body. Many HTTP clients send `Content-Type: application/json` on every
 * request, including a bodiless `POST /auth/sign-out`; those should not fail. A route that does
 * need a body still refuses the missing one through its schema, as VALIDATION_FAILED.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // `parseAs: 'string'` hands over a string; the type also allows the Buffer of `parseAs: 'buffer'`.
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text === '') {
      done(null, undefined);
      return;
    }
    void parse(request, text, done);
  });
}
