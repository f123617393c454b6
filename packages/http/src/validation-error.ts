import type { FastifySchemaValidationError, FastifyServerOptions } from 'fastify';
import { ApiError } from './api-error.js';

/** One schema violation, as the API reports it in `details.issues`. */
export interface ValidationIssue {
  /** JSON Pointer into the request part, e.g. `/email` or `/members/0`. */
  readonly path: string;
  /** The JSON Schema keyword that failed (`required`, `type`, `additionalProperties`, …). */
  readonly keyword: string;
  readonly message: string;
}

/** The request part a validation error is about (Fastify does not export this type). */
type SchemaErrorDataVar = Parameters<NonNullable<FastifyServerOptions['schemaErrorFormatter']>>[1];

const partNames: Readonly<Record<SchemaErrorDataVar, string>> = { body: 'body', querystring: 'query', params: 'path', headers: 'headers' };

/** The issue an Ajv error stands for, with the path pointing at the offending property itself. */
export function validationIssue(error: FastifySchemaValidationError): ValidationIssue {
  // Ajv reports a missing or unknown property at its parent object; the client wants the property.
  const property =
    error.keyword === 'required' ? error.params.missingProperty : error.keyword === 'additionalProperties' ? error.params.additionalProperty : undefined;
  const path = typeof property === 'string' ? `${error.instancePath}/${property}` : error.instancePath;
  const message =
    error.keyword === 'additionalProperties' ? 'is not a known field' : error.keyword === 'required' ? 'is required' : (error.message ?? 'is invalid');
  return { path: path === '' ? '/' : path, keyword: error.keyword, message };
}

/**
 * Fastify's `schemaErrorFormatter`: turns schema violations into VALIDATION_FAILED with the failing
 * part and path in `details`, so the error handler renders them like any other refusal.
 */
export function formatValidationError(errors: readonly FastifySchemaValidationError[], part: SchemaErrorDataVar): ApiError {
  const issues = errors.map(validationIssue);
  const where = partNames[part];
  const first = issues[0];
  const message = first === undefined ? `The request ${where} is invalid.` : `${where}${first.path === '/' ? '' : first.path} ${first.message}.`;
  return new ApiError('VALIDATION_FAILED', message, { in: where, path: first?.path ?? '/', issues });
}
