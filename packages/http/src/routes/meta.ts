import { Type, type FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { publicRoute } from '../route-access.js';

/** `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of this API, generated from the route schemas. */
export const metaRoutes: FastifyPluginCallbackTypebox = (app, _options, done) => {
  app.get('/openapi.json', {
    schema: {
      tags: ['meta'],
      operationId: 'getOpenApiDocument',
      summary: 'The OpenAPI 3.1 document of this API.',
      response: { 200: Type.Object({ openapi: Type.String() }, { additionalProperties: true, description: 'An OpenAPI 3.1 document.' }) },
    },
    config: publicRoute(),
  }, () => app.swagger() as { openapi: string });
  done();
};
