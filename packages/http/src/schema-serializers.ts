import fastJsonStringify from 'fast-json-stringify';
import type { FastifySchema, FastifySerializerCompiler } from 'fastify';

type Serializer = (data: unknown) => string;

// One cache per process, keyed by schema object: the response schemas are module constants, so an
// API built after the first (tests build one per case) reuses the generated serializers instead
// of generating the same code again.
const serializers = new WeakMap<object, Serializer>();

/**
 * Fastify's serializer compiler: fast-json-stringify, as Fastify's default, but memoised. Only the
 * properties a response schema declares are written, so a field added to a domain object (a hash,
 * a secret) never reaches a client by accident.
 */
export function createSerializerCompiler(): FastifySerializerCompiler<FastifySchema> {
  return ({ schema }) => {
    let serializer = serializers.get(schema);
    if (serializer === undefined) {
      serializer = fastJsonStringify(schema as Parameters<typeof fastJsonStringify>[0]);
      serializers.set(schema, serializer);
    }
    return serializer;
  };
}
