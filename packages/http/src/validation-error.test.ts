import { describe, expect, it } from 'vitest';
import { formatValidationError, validationIssue } from './validation-error.js';

describe('validation errors', () => {
  it('points at the missing or unknown property itself', () => {
    expect(validationIssue({ keyword: 'required', instancePath: '/owner', schemaPath: '#/required', params: { missingProperty: 'email' }, message: "must have required property 'email'" })).toEqual({
      path: '/owner/email',
      keyword: 'required',
      message: 'is required',
    });
    expect(validationIssue({ keyword: 'additionalProperties', instancePath: '', schemaPath: '#/additionalProperties', params: { additionalProperty: 'isAdmin' } })).toEqual({
      path: '/isAdmin',
      keyword: 'additionalProperties',
      message: 'is not a known field',
    });
    expect(validationIssue({ keyword: 'type', instancePath: '', schemaPath: '#/type', params: { type: 'object' }, message: 'must be object' }).path).toBe('/');
  });

  it('becomes VALIDATION_FAILED naming the request part', () => {
    const error = formatValidationError([{ keyword: 'maximum', instancePath: '/limit', schemaPath: '#/properties/limit/maximum', params: { limit: 500 }, message: 'must be <= 500' }], 'querystring');
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('query/limit must be <= 500.');
    expect(error.details).toEqual({ in: 'query', path: '/limit', issues: [{ path: '/limit', keyword: 'maximum', message: 'must be <= 500' }] });
  });
});
