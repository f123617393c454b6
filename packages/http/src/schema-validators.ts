import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS; under NodeNext its default import is `module.exports`, whose `default`
// property is the plugin function.
const addFormats = addFormatsModule.default;

function buildAjv(options: Options): Ajv {
  const ajv = new Ajv({
    // Unknown fields must fail (`additionalProperties: false` refuses them) rather than vanish,
    // which is what Fastify's default `removeAdditional: true` would do.
    removeAdditional: false,
    useDefaults: true,
    allErrors: false,
    // TypeBox emits `kind`-style annotations Ajv does not know; they describe, they do not constrain.
    strict: false,
    ...options,
  });
  addFormats(ajv);
  return ajv;
}

/**
 * Fastify's validator compiler with two Ajv instances. Bodies are JSON and validated strictly: a
 * string where a boolean belongs is a 400, not a silent `"true"` → `true`. Query strings and path
 * parameters arrive as text, so they are coerced to the schema's types.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  return ({ schema, httpPart }) => (httpPart === 'body' ? validators.strict : validators.coercing).compile(schema);
}

// One pair per process: Ajv caches compiled validators by schema object, and the route schemas are
// module constants, so every API built after the first (tests build many) reuses the compiled code.
const validators = { strict: buildAjv({ coerceTypes: false }), coercing: buildAjv({ coerceTypes: 'array' }) };
