import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, expectError, expectOk, startTestApi, type PageBody, type TestApi } from './support/test-api.js';

interface UserBody {
  id: string;
  email: string;
  displayName: string;
  department: string | null;
  attributes: Record<string, string>;
  disabled: boolean;
  createdAt: string;
}

let api: TestApi;
beforeEach(async () => {
  api = await startTestApi({ bodyLimit: 4096, importBodyLimit: 2048 });
});
afterEach(async () => {
  await api.close();
});

async function userEmails(): Promise<string[]> {
  const page = expectOk<PageBody<UserBody>>(await call(api, 'GET', '/api/v1/users?limit=500', { as: 'globalAdmin' }));
  return page.items.map((u) => u.email);
}

const ada = { email: 'Ada@Example.test', displayName: 'Ada Lovelace', department: 'Engineering', attributes: { costCenter: 'R&D' } };

describe('users', () => {
  it('creates, reads, lists, patches and deletes a user', async () => {
    const created = await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: ada });
    const user = expectOk<UserBody>(created, 201);
    expect(user).toMatchObject({ email: 'ada@example.test', displayName: 'Ada Lovelace', department: 'Engineering', attributes: { costCenter: 'R&D' }, disabled: false });
    expect(created.headers.location).toBe(`/api/v1/users/${user.id}`);
    expect(user.createdAt).toBe('2025-03-01T09:00:00.000Z');

    expect(expectOk<UserBody>(await call(api, 'GET', `/api/v1/users/${user.id}`, { as: 'readOnlyAuditor' })).email).toBe('ada@example.test');

    const listed = expectOk<PageBody<UserBody>>(await call(api, 'GET', '/api/v1/users?q=lovelace', { as: 'helpDeskOperator' }));
    expect(listed).toEqual({ items: [user], nextCursor: null });

    const patched = expectOk<UserBody>(await call(api, 'PATCH', `/api/v1/users/${user.id}`, { as: 'globalAdmin', body: { department: null, disabled: true } }));
    expect(patched).toMatchObject({ department: null, disabled: true, displayName: 'Ada Lovelace' });

    const deleted = await call(api, 'DELETE', `/api/v1/users/${user.id}`, { as: 'globalAdmin' });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
    expectError(await call(api, 'GET', `/api/v1/users/${user.id}`, { as: 'globalAdmin' }), 404, 'USER_NOT_FOUND');
  });

  it('pages with limit and cursor, sorted as asked', async () => {
    for (const n of [1, 2, 3, 4, 5]) expectOk(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: { email: `p${n}@page.test`, displayName: `P${n}` } }), 201);
    const first = expectOk<PageBody<UserBody>>(await call(api, 'GET', '/api/v1/users?q=page.test&limit=2&sort=email&order=desc', { as: 'globalAdmin' }));
    expect(first.items.map((u) => u.email)).toEqual(['p5@page.test', 'p4@page.test']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = expectOk<PageBody<UserBody>>(await call(api, 'GET', `/api/v1/users?q=page.test&limit=2&sort=email&order=desc&cursor=${first.nextCursor ?? ''}`, { as: 'globalAdmin' }));
    expect(second.items.map((u) => u.email)).toEqual(['p3@page.test', 'p2@page.test']);
    // A cursor belongs to its sort order.
    expectError(await call(api, 'GET', `/api/v1/users?q=page.test&limit=2&sort=email&order=asc&cursor=${first.nextCursor ?? ''}`, { as: 'globalAdmin' }), 400, 'INVALID_CURSOR');
  });

  it.each([
    ['limit=0', '/limit'],
    ['limit=501', '/limit'],
    ['limit=ten', '/limit'],
    ['sort=password', '/sort'],
    ['order=up', '/order'],
    ['disabled=maybe', '/disabled'],
    ['colour=blue', '/colour'],
  ])('refuses the list query %s', async (query, path) => {
    const error = expectError(await call(api, 'GET', `/api/v1/users?${query}`, { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expect(error.details).toMatchObject({ in: 'query', path });
  });

  it('refuses malformed JSON, wrong types, unknown fields and oversized bodies, writing nothing', async () => {
    const before = await userEmails();
    const malformed = expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', rawBody: '{"email": "x@y.test",' }), 400, 'VALIDATION_FAILED');
    expect(malformed.details).toMatchObject({ reason: 'malformedJson' });
    const wrongType = expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: { email: 'x@y.test', displayName: 'X', disabled: 'true' } }), 400, 'VALIDATION_FAILED');
    expect(wrongType.details).toMatchObject({ in: 'body', path: '/disabled' });
    const missing = expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: { email: 'x@y.test' } }), 400, 'VALIDATION_FAILED');
    expect(missing.details).toMatchObject({ in: 'body', path: '/displayName' });
    const unknown = expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: { email: 'x@y.test', displayName: 'X', isAdmin: true } }), 400, 'VALIDATION_FAILED');
    expect(unknown.details).toMatchObject({ in: 'body', path: '/isAdmin' });
    expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: { email: 'x@y.test', displayName: 'x'.repeat(5000) } }), 413, 'PAYLOAD_TOO_LARGE');
    expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', rawBody: 'email=x@y.test', contentType: 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', rawBody: 'x@y.test', contentType: 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    // Core's own validation, behind the schema.
    const badEmail = expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: { email: 'not-an-email', displayName: 'X' } }), 400, 'VALIDATION_FAILED');
    expect(badEmail.details).toEqual({ field: 'email' });
    expectError(await call(api, 'PATCH', '/api/v1/users/some-id', { as: 'globalAdmin', body: { role: 'globalAdmin' } }), 400, 'VALIDATION_FAILED');
    expect(await userEmails()).toEqual(before);
  });

  it('refuses a duplicate e-mail with 409 and keeps the first', async () => {
    expectOk(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: ada }), 201);
    const error = expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: { ...ada, email: 'ADA@example.test', displayName: 'Impostor' } }), 409, 'USER_EMAIL_TAKEN');
    expect(error.details).toEqual({ field: 'email' });
    const page = expectOk<PageBody<UserBody>>(await call(api, 'GET', '/api/v1/users?q=ada', { as: 'globalAdmin' }));
    expect(page.items.map((u) => u.displayName)).toEqual(['Ada Lovelace']);
  });

  it('answers 404 for users that do not exist', async () => {
    expectError(await call(api, 'GET', '/api/v1/users/0195c0de-0000-7000-8000-000000000000', { as: 'globalAdmin' }), 404, 'USER_NOT_FOUND');
    expectError(await call(api, 'PATCH', '/api/v1/users/nobody', { as: 'globalAdmin', body: { displayName: 'X' } }), 404, 'USER_NOT_FOUND');
    expectError(await call(api, 'DELETE', '/api/v1/users/nobody', { as: 'globalAdmin' }), 404, 'USER_NOT_FOUND');
  });

  it('lets only roles with directory.write change users', async () => {
    const before = await userEmails();
    for (const role of ['readOnlyAuditor', 'helpDeskOperator', 'policyManager'] as const) {
      const error = expectError(await call(api, 'POST', '/api/v1/users', { as: role, body: ada }), 403, 'FORBIDDEN');
      expect(error.details).toEqual({ permission: 'directory.write' });
    }
    const target = api.admins.helpDeskOperator.user.id;
    expectError(await call(api, 'PATCH', `/api/v1/users/${target}`, { as: 'readOnlyAuditor', body: { displayName: 'Hacked' } }), 403, 'FORBIDDEN');
    expectError(await call(api, 'DELETE', `/api/v1/users/${target}`, { as: 'policyManager' }), 403, 'FORBIDDEN');
    expect(await userEmails()).toEqual(before);
    expect(expectOk<UserBody>(await call(api, 'GET', `/api/v1/users/${target}`, { as: 'globalAdmin' })).displayName).toBe('helpDeskOperator');
  });

  it('needs a valid bearer token', async () => {
    const none = await call(api, 'GET', '/api/v1/users');
    expectError(none, 401, 'UNAUTHENTICATED');
    expect(none.headers['www-authenticate']).toBe('Bearer realm="ward"');
    const basic = await call(api, 'GET', '/api/v1/users', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
    expectError(basic, 401, 'UNAUTHENTICATED');
    expect(basic.headers['www-authenticate']).toBe('Bearer realm="ward", error="invalid_request"');
    const garbled = await call(api, 'GET', '/api/v1/users', { as: { token: 'wrd_at.not-a-token' } });
    expectError(garbled, 401, 'UNAUTHENTICATED');
    expect(garbled.headers['www-authenticate']).toBe('Bearer realm="ward", error="invalid_token"');
    // A real token id with a wrong secret is no better.
    const [prefix, id] = api.admins.globalAdmin.token.split('.');
    expectError(await call(api, 'GET', '/api/v1/users', { as: { token: `${prefix ?? ''}.${id ?? ''}.${'A'.repeat(43)}` } }), 401, 'UNAUTHENTICATED');
    // Anonymous writes are refused before the body is even read.
    expectError(await call(api, 'POST', '/api/v1/users', { rawBody: '{not json' }), 401, 'UNAUTHENTICATED');
  });

  describe('CSV import', () => {
    const csv = 'email,displayName,department,attr.costCenter\nalan@example.test,Alan Turing,Research,R1\ngrace@example.test,Grace Hopper,Navy,\n';

    it('imports users from CSV', async () => {
      const summary = expectOk(await call(api, 'POST', '/api/v1/users/import', { as: 'globalAdmin', rawBody: csv, contentType: 'text/csv' }));
      expect(summary).toEqual({ created: 2, updated: 0, unchanged: 0, memberships: 0 });
      const again = expectOk(await call(api, 'POST', '/api/v1/users/import', { as: 'globalAdmin', rawBody: csv, contentType: 'text/csv; charset=utf-8' }));
      expect(again).toEqual({ created: 0, updated: 0, unchanged: 2, memberships: 0 });
      const alan = expectOk<PageBody<UserBody>>(await call(api, 'GET', '/api/v1/users?q=alan', { as: 'globalAdmin' }));
      expect(alan.items[0]).toMatchObject({ department: 'Research', attributes: { costCenter: 'R1' } });
    });

    it('refuses a bad file as a whole and writes nothing', async () => {
      const before = await userEmails();
      const bad = 'email,displayName\nok@example.test,Fine\nnot-an-email,Broken\n';
      const error = expectError(await call(api, 'POST', '/api/v1/users/import', { as: 'globalAdmin', rawBody: bad, contentType: 'text/csv' }), 400, 'IMPORT_INVALID');
      expect(error.details).toMatchObject({ problems: [{ line: 3, field: 'email' }] });
      const broken = expectError(await call(api, 'POST', '/api/v1/users/import', { as: 'globalAdmin', rawBody: 'email,displayName\n"unterminated,x\n', contentType: 'text/csv' }), 400, 'IMPORT_INVALID');
      expect(broken.message).toMatch(/not valid CSV/);
      expectError(await call(api, 'POST', '/api/v1/users/import', { as: 'globalAdmin', rawBody: 'email,email\na@b.test,c@d.test\n', contentType: 'text/csv' }), 400, 'IMPORT_INVALID');
      expect(await userEmails()).toEqual(before);
    });

    it('accepts only text/csv up to the import limit, and only from directory writers', async () => {
      expectError(await call(api, 'POST', '/api/v1/users/import', { as: 'globalAdmin', body: [{ email: 'a@b.test' }] }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      const big = `email,displayName\n${'a@b.test,A\n'.repeat(300)}`;
      expectError(await call(api, 'POST', '/api/v1/users/import', { as: 'globalAdmin', rawBody: big, contentType: 'text/csv' }), 413, 'PAYLOAD_TOO_LARGE');
      expectError(await call(api, 'POST', '/api/v1/users/import', { as: 'readOnlyAuditor', rawBody: csv, contentType: 'text/csv' }), 403, 'FORBIDDEN');
      // CSV is not accepted where JSON is expected.
      expectError(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', rawBody: csv, contentType: 'text/csv' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  });
});

describe('a user\'s password, set by an admin', () => {
  it('sets a generated or given password, shown once, that the user then signs in with', async () => {
    const user = expectOk<UserBody>(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: ada }), 201);
    // No password yet: the sign-in fails as for a wrong one.
    expectError(await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: ada.email, password: 'Correct-horse-battery-9' } }), 401, 'INVALID_CREDENTIALS');

    const generated = expectOk<{ password: string; generated: boolean }>(await call(api, 'POST', `/api/v1/users/${user.id}/password`, { as: 'globalAdmin', body: {} }));
    expect(generated.generated).toBe(true);
    expect(generated.password.length).toBeGreaterThanOrEqual(16);
    expectOk(await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: ada.email, password: generated.password } }));

    const given = expectOk<{ password: string; generated: boolean }>(await call(api, 'POST', `/api/v1/users/${user.id}/password`, { as: 'globalAdmin', body: { password: 'Correct-horse-battery-9', resetTotp: true } }));
    expect(given).toEqual({ password: 'Correct-horse-battery-9', generated: false });
    expectError(await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: ada.email, password: generated.password } }), 401, 'INVALID_CREDENTIALS');
    expectOk(await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: ada.email, password: 'Correct-horse-battery-9' } }));
  });

  it('refuses a weak password, an unknown user, other roles and unknown fields, changing nothing', async () => {
    const user = expectOk<UserBody>(await call(api, 'POST', '/api/v1/users', { as: 'globalAdmin', body: ada }), 201);
    expectError(await call(api, 'POST', `/api/v1/users/${user.id}/password`, { as: 'globalAdmin', body: { password: 'short' } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', `/api/v1/users/${user.id}/password`, { as: 'globalAdmin', body: { password: 'x'.repeat(1025) } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', `/api/v1/users/${user.id}/password`, { as: 'globalAdmin', body: { password: 'Correct-horse-battery-9', admin: true } }), 400, 'VALIDATION_FAILED');
    expectError(await call(api, 'POST', '/api/v1/users/00000000-0000-7000-8000-000000000000/password', { as: 'globalAdmin', body: {} }), 404, 'USER_NOT_FOUND');
    expectError(await call(api, 'POST', `/api/v1/users/${user.id}/password`, { as: 'helpDeskOperator', body: {} }), 403, 'FORBIDDEN');
    expectError(await call(api, 'POST', `/api/v1/users/${user.id}/password`, { body: {} }), 401, 'UNAUTHENTICATED');
    // None of that gave the user a password.
    expectError(await call(api, 'POST', '/api/v1/auth/sign-in', { body: { email: ada.email, password: 'Correct-horse-battery-9' } }), 401, 'INVALID_CREDENTIALS');
  });
});
