import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS with `exports.default`; under NodeNext the default import is the module
// object, so take the function from whichever place it is in.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

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
  const strict = buildAjv({ coerceTypes: false });
  const coercing = buildAjv({ coerceTypes: 'array' });
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema);
}
