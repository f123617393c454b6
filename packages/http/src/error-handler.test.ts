import { describe, expect, it } from 'vitest';
import { WardError } from '@ward/core';
import { ApiError, failureError, unwrap } from './api-error.js';
import { problemOf } from './error-handler.js';

function fastifyError(code: string, statusCode: number, message = 'x'): Error {
  return Object.assign(new Error(message), { code, statusCode });
}

describe('problemOf', () => {
  it('keeps the code, message and details of a refusal', () => {
    expect(problemOf(new ApiError('GROUP_NAME_TAKEN', 'taken', { field: 'name' }))).toEqual({ code: 'GROUP_NAME_TAKEN', message: 'taken', details: { field: 'name' }, serverFault: false });
    expect(problemOf(new WardError('NOT_FOUND', 'gone'))).toEqual({ code: 'NOT_FOUND', message: 'gone', serverFault: false });
  });

  it('hides the message of server faults', () => {
    for (const error of [new WardError('INTERNAL', 'SQLITE_CORRUPT at /var/lib/ward/ward.db'), new ApiError('INTERNAL', 'secret'), new Error('password=hunter2'), 'a string', undefined, null, 42]) {
      const problem = problemOf(error);
      expect(problem).toMatchObject({ code: 'INTERNAL', serverFault: true });
      expect(problem.message).not.toMatch(/SQLITE|secret|hunter2|string/);
    }
    expect(problemOf(new WardError('UNAVAILABLE', 'pool exhausted: 10/10 on db-2'))).toMatchObject({ code: 'UNAVAILABLE', serverFault: true, message: 'The service is temporarily unavailable; try again shortly.' });
  });

  it("maps Fastify's own errors", () => {
    expect(problemOf(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400))).toMatchObject({ code: 'VALIDATION_FAILED', details: { reason: 'malformedJson' } });
    expect(problemOf(fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(problemOf(fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415))).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(problemOf(fastifyError('FST_ERR_SOMETHING_NEW', 429, 'slow down'))).toEqual({ code: 'RATE_LIMITED', message: 'slow down', serverFault: false });
    expect(problemOf(fastifyError('FST_ERR_SOMETHING_NEW', 405))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(problemOf(fastifyError('FST_ERR_REP_INVALID_PAYLOAD_TYPE', 500))).toMatchObject({ code: 'INTERNAL', serverFault: true });
  });

  it('turns a failure with a code outside the table into INTERNAL', () => {
    expect(problemOf(failureError({ ok: false, code: 'MADE_UP', message: 'm' }))).toMatchObject({ code: 'INTERNAL', serverFault: true });
    expect(() => unwrap({ ok: false, code: 'USER_NOT_FOUND', message: 'no' })).toThrow(ApiError);
    expect(unwrap({ ok: true, value: 3 })).toBe(3);
  });
});
