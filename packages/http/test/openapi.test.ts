import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPushCertificateCrypto } from '@ward/apple';
import { errorStatus } from '@ward/core';
import { startAgentApi, type AgentTestApi } from './support/test-agent.js';
import { call, expectOk } from './support/test-api.js';
import { testAppPackageFiles } from './support/test-app-packages.js';

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: { $ref?: string } }> }>;
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
  parameters?: { name: string; in: string }[];
  'x-ward-permission'?: string;
  'x-ward-error-codes'?: string[];
}

interface Document {
  openapi: string;
  info: { title: string; version: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

// The routes the API promises; the document must describe exactly these.
const expected = [
  'POST /api/v1/auth/sign-in',
  'POST /api/v1/auth/sign-out',
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/totp/enroll',
  'POST /api/v1/auth/totp/confirm',
  'GET /api/v1/users',
  'POST /api/v1/users',
  'GET /api/v1/users/{id}',
  'PATCH /api/v1/users/{id}',
  'DELETE /api/v1/users/{id}',
  'POST /api/v1/users/{id}/password',
  'POST /api/v1/users/import',
  'GET /api/v1/groups',
  'POST /api/v1/groups',
  'GET /api/v1/groups/{id}',
  'PATCH /api/v1/groups/{id}',
  'DELETE /api/v1/groups/{id}',
  'GET /api/v1/groups/{id}/members',
  'POST /api/v1/groups/{id}/members',
  'DELETE /api/v1/groups/{id}/members',
  'POST /api/v1/groups/import',
  'POST /api/v1/groups/preview-rule',
  'GET /api/v1/devices',
  'GET /api/v1/devices/{id}',
  'PATCH /api/v1/devices/{id}',
  'DELETE /api/v1/devices/{id}',
  'POST /api/v1/devices/actions',
  'POST /api/v1/devices/{id}/actions',
  'GET /api/v1/devices/{id}/actions',
  'GET /api/v1/devices/{id}/software',
  'POST /api/v1/devices/{id}/mdm-commands',
  'GET /api/v1/devices/{id}/mdm-commands',
  'GET /api/v1/devices/{id}/mdm-enrollment',
  'GET /api/v1/devices/export.csv',
  'GET /api/v1/reports/devices',
  'GET /api/v1/enrollment-tokens',
  'POST /api/v1/enrollment-tokens',
  'DELETE /api/v1/enrollment-tokens/{id}',
  'GET /api/v1/enrollment-restrictions',
  'PATCH /api/v1/enrollment-restrictions',
  'GET /api/v1/admins',
  'POST /api/v1/admins',
  'POST /api/v1/admins/{userId}/roles',
  'DELETE /api/v1/admins/{userId}/roles/{assignmentId}',
  'GET /api/v1/tokens',
  'POST /api/v1/tokens',
  'DELETE /api/v1/tokens/{id}',
  'GET /api/v1/settings',
  'GET /api/v1/profiles',
  'POST /api/v1/profiles',
  'GET /api/v1/profiles/{id}',
  'PUT /api/v1/profiles/{id}',
  'DELETE /api/v1/profiles/{id}',
  'GET /api/v1/profiles/{id}/status',
  'GET /api/v1/profiles/{id}/settings-status',
  'GET /api/v1/profiles/{id}/assignments',
  'POST /api/v1/profiles/{id}/assignments',
  'GET /api/v1/assignment-filters',
  'POST /api/v1/assignment-filters',
  'GET /api/v1/assignment-filters/{id}',
  'PUT /api/v1/assignment-filters/{id}',
  'DELETE /api/v1/assignment-filters/{id}',
  'GET /api/v1/assignments',
  'PATCH /api/v1/assignments/{id}',
  'DELETE /api/v1/assignments/{id}',
  'GET /api/v1/compliance-policies',
  'POST /api/v1/compliance-policies',
  'GET /api/v1/compliance-policies/{id}',
  'PATCH /api/v1/compliance-policies/{id}',
  'DELETE /api/v1/compliance-policies/{id}',
  'GET /api/v1/compliance-policies/{id}/assignments',
  'POST /api/v1/compliance-policies/{id}/assignments',
  'GET /api/v1/devices/{id}/configuration',
  'GET /api/v1/devices/{id}/compliance',
  'GET /api/v1/reports/compliance-history',
  'GET /api/v1/reports/compliance-history.csv',
  'GET /api/v1/reports/compliance-overview',
  'GET /api/v1/reports/devices-in-grace',
  'GET /api/v1/reports/profile-status',
  'GET /api/v1/audit-events',
  'POST /api/v1/audit-events/verify',
  'GET /api/v1/tenant',
  'GET /api/v1/me',
  'GET /api/v1/me/devices',
  'GET /api/v1/me/apps',
  'GET /api/v1/me/devices/{id}',
  'GET /api/v1/me/devices/{id}/compliance',
  'POST /api/v1/me/devices/{id}/retire',
  'POST /api/v1/me/enrollment',
  'GET /api/v1/me/passkeys',
  'DELETE /api/v1/me/passkeys/{id}',
  'POST /api/v1/me/recovery-codes',
  'GET /api/v1/identity/conditional-access-policies',
  'POST /api/v1/identity/conditional-access-policies',
  'GET /api/v1/identity/conditional-access-policies/{id}',
  'PATCH /api/v1/identity/conditional-access-policies/{id}',
  'DELETE /api/v1/identity/conditional-access-policies/{id}',
  'POST /api/v1/identity/what-if',
  'GET /api/v1/identity/sign-ins',
  'GET /api/v1/identity/relying-parties',
  'POST /api/v1/identity/relying-parties',
  'GET /api/v1/identity/relying-parties/{id}',
  'PATCH /api/v1/identity/relying-parties/{id}',
  'DELETE /api/v1/identity/relying-parties/{id}',
  'POST /api/v1/identity/relying-parties/{id}/secret',
  'GET /api/v1/identity/upstream-providers',
  'POST /api/v1/identity/upstream-providers',
  'GET /api/v1/identity/upstream-providers/{id}',
  'PATCH /api/v1/identity/upstream-providers/{id}',
  'DELETE /api/v1/identity/upstream-providers/{id}',
  'GET /api/v1/apps',
  'POST /api/v1/apps',
  'GET /api/v1/apps/{id}',
  'PATCH /api/v1/apps/{id}',
  'DELETE /api/v1/apps/{id}',
  'GET /api/v1/apps/{id}/versions',
  'POST /api/v1/apps/{id}/versions',
  'GET /api/v1/apps/{id}/icon',
  'GET /api/v1/apps/{id}/status',
  'GET /api/v1/apps/{id}/assignments',
  'POST /api/v1/apps/{id}/assignments',
  'GET /api/v1/app-inventory',
  'GET /api/v1/app-inventory/devices',
  'GET /agent/v1/app-packages/{versionId}',
  'GET /api/v1/apple/push-certificate',
  'PUT /api/v1/apple/push-certificate',
  'POST /api/v1/apple/push-certificate/request',
  'GET /api/v1/apple/push-certificate/request.csr',
  'GET /api/v1/openapi.json',
  'GET /healthz',
  'GET /readyz',
  'GET /metrics',
  'POST /agent/v1/enroll',
  'POST /agent/v1/check-in',
  'POST /agent/v1/renew',
  'GET /pki/crl',
  'GET /api/v1/app-protection-policies',
  'POST /api/v1/app-protection-policies',
  'GET /api/v1/app-protection-policies/{id}',
  'PATCH /api/v1/app-protection-policies/{id}',
  'DELETE /api/v1/app-protection-policies/{id}',
  'GET /api/v1/app-configuration-policies',
  'POST /api/v1/app-configuration-policies',
  'GET /api/v1/app-configuration-policies/{id}',
  'PATCH /api/v1/app-configuration-policies/{id}',
  'DELETE /api/v1/app-configuration-policies/{id}',
  'GET /api/v1/app-registrations',
  'GET /api/v1/app-registrations/{id}',
  'POST /api/v1/app-registrations/{id}/wipe',
  'POST /api/v1/users/{id}/app-wipe',
  'GET /api/v1/app-usage',
];
const publicRoutes = new Set(['POST /api/v1/auth/sign-in', 'GET /api/v1/openapi.json', 'GET /healthz', 'GET /readyz', 'GET /metrics', 'POST /agent/v1/enroll', 'GET /pki/crl']);
const deviceRoutes = new Set(['POST /agent/v1/check-in', 'POST /agent/v1/renew', 'GET /agent/v1/app-packages/{versionId}']);

let api: AgentTestApi;
let doc: Document;
let operations: [string, Operation][];

beforeAll(async () => {
  // With every optional part (agent endpoints, CRL, Apple push certificates), so the document shows the whole API.
  api = await startAgentApi({
    metrics: { contentType: 'text/plain; version=0.0.4', metrics: () => Promise.resolve('') },
    apple: { pushCrypto: createPushCertificateCrypto(), validateCommandPayload: () => [] },
    appPackages: testAppPackageFiles(),
  });
  // The document is public: no token.
  doc = expectOk<Document>(await call(api, 'GET', '/api/v1/openapi.json'));
  operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]));
});
afterAll(async () => {
  await api.close();
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a bearer scheme, resource tags and the shared Error schema', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Ward admin API');
    expect(doc.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      deviceCertificate: expect.objectContaining({ type: 'mutualTLS' }),
      // The SDK endpoints' schemes (registered by the server beside the identity provider; see sdk.test.ts).
      userAccessToken: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
      sdkSignature: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'Ward-Signature' }),
    });
    expect(doc.components.schemas.Error).toMatchObject({ type: 'object', required: ['error'] });
    expect(doc.tags.map((t) => t.name)).toEqual(expect.arrayContaining(['auth', 'users', 'groups', 'devices', 'enrollment', 'admins', 'tokens', 'audit', 'tenant', 'agent', 'pki']));
  });

  it('describes every route and nothing else', () => {
    expect(operations.map(([key]) => key).sort()).toEqual([...expected].sort());
  });

  it('gives every operation a unique operationId, a known tag and a success response', () => {
    const ids = operations.map(([, op]) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(doc.tags.map((t) => t.name));
    for (const [key, op] of operations) {
      expect(op.tags?.length, key).toBe(1);
      expect(tags.has(op.tags?.[0] ?? ''), key).toBe(true);
      expect(Object.keys(op.responses ?? {}).some((status) => /^2\d\d$/.test(status)), key).toBe(true);
    }
  });

  it('points every error response at the one Error schema, with its codes', () => {
    for (const [key, op] of operations) {
      const codes = op['x-ward-error-codes'] ?? [];
      expect(codes, key).toContain('INTERNAL');
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        // A 503 from /readyz is the probe's answer (which checks fail), not an error of the API.
        if (Number(status) < 400 || (key === 'GET /readyz' && status === '503')) continue;
        expect(response.content?.['application/json']?.schema, `${key} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
        for (const code of response.description?.split(', ') ?? []) expect(String(errorStatus[code as keyof typeof errorStatus]), `${key} ${code}`).toBe(status);
      }
      for (const code of codes) expect(op.responses?.[String(errorStatus[code as keyof typeof errorStatus])], `${key} ${code}`).toBeDefined();
    }
  });

  it('states security and the permission each route needs', () => {
    for (const [key, op] of operations) {
      if (publicRoutes.has(key)) {
        expect(op.security, key).toEqual([]);
        expect(op['x-ward-error-codes'], key).not.toContain('UNAUTHENTICATED');
      } else if (deviceRoutes.has(key)) {
        expect(op.security, key).toEqual([{ deviceCertificate: [] }]);
        expect(op['x-ward-error-codes'], key).toEqual(expect.arrayContaining(['UNAUTHENTICATED', 'DEVICE_CERTIFICATE_INVALID', 'DEVICE_CERTIFICATE_REVOKED', 'DEVICE_CERTIFICATE_EXPIRED', 'DEVICE_RETIRED']));
      } else {
        expect(op.security, key).toEqual([{ bearer: [] }]);
        expect(op['x-ward-error-codes'], key).toEqual(expect.arrayContaining(['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_REVOKED', 'FORBIDDEN']));
      }
    }
    const byKey = new Map(operations);
    expect(byKey.get('POST /api/v1/users')?.['x-ward-permission']).toBe('directory.write');
    expect(byKey.get('PATCH /api/v1/groups/{id}')?.['x-ward-permission']).toBe('groups.write');
    expect(byKey.get('GET /api/v1/audit-events')?.['x-ward-permission']).toBe('audit.read');
    expect(byKey.get('POST /api/v1/admins')?.['x-ward-permission']).toBe('admins.manage');
    expect(byKey.get('POST /api/v1/devices/actions')?.['x-ward-permission']).toBe('devices.action');
    expect(byKey.get('POST /api/v1/enrollment-tokens')?.['x-ward-permission']).toBe('devices.write');
    expect(byKey.get('POST /agent/v1/check-in')?.['x-ward-error-codes']).toContain('COMMAND_NOT_FOUND');
    expect(byKey.get('POST /agent/v1/enroll')?.['x-ward-error-codes']).toEqual(expect.arrayContaining(['ENROLLMENT_TOKEN_EXHAUSTED', 'CSR_INVALID']));
  });

  it('documents bodies, list queries and the CSV imports', () => {
    const byKey = new Map(operations);
    const createUser = byKey.get('POST /api/v1/users')?.requestBody?.content?.['application/json']?.schema;
    expect(createUser).toMatchObject({ additionalProperties: false, required: ['email', 'displayName'] });
    expect(Object.keys(byKey.get('POST /api/v1/users/import')?.requestBody?.content ?? {})).toEqual(['text/csv']);
    expect(Object.keys(byKey.get('PUT /api/v1/apple/push-certificate')?.requestBody?.content ?? {}).sort()).toEqual(['application/json', 'application/x-pem-file']);
    expect(Object.keys(byKey.get('POST /api/v1/apps/{id}/versions')?.requestBody?.content ?? {})).toEqual(['application/octet-stream']);
    expect(Object.keys(byKey.get('GET /agent/v1/app-packages/{versionId}')?.responses ?? {})).toEqual(expect.arrayContaining(['200', '206', '304', '404', '416']));
    for (const [key, op] of operations) {
      // Lists, not reports over them (`/reports/devices` counts devices; it pages nothing).
      if (!key.startsWith('GET') || key.includes('/reports/') || !/\/(users|groups|devices|audit-events|members)$/.test(key)) continue;
      const names = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      expect(names, key).toEqual(expect.arrayContaining(['limit', 'cursor', 'sort', 'order']));
    }
  });
});
