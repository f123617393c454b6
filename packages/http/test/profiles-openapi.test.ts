import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus } from '@ward/core';
import { okBody, send, startListeningApi, type ListeningApi } from './support/policy-http.js';

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Record<string, unknown> }> }>;
  'x-ward-permission'?: string;
  'x-ward-error-codes'?: string[];
}

// The policy engine's routes and the permission each states.
const routes: Record<string, 'policy.read' | 'policy.write'> = {
  'GET /api/v1/settings': 'policy.read',
  'GET /api/v1/profiles': 'policy.read',
  'POST /api/v1/profiles': 'policy.write',
  'GET /api/v1/profiles/{id}': 'policy.read',
  'PUT /api/v1/profiles/{id}': 'policy.write',
  'DELETE /api/v1/profiles/{id}': 'policy.write',
  'GET /api/v1/profiles/{id}/status': 'policy.read',
  'GET /api/v1/profiles/{id}/settings-status': 'policy.read',
  'GET /api/v1/profiles/{id}/assignments': 'policy.read',
  'POST /api/v1/profiles/{id}/assignments': 'policy.write',
  'GET /api/v1/assignment-filters': 'policy.read',
  'POST /api/v1/assignment-filters': 'policy.write',
  'GET /api/v1/assignment-filters/{id}': 'policy.read',
  'PUT /api/v1/assignment-filters/{id}': 'policy.write',
  'DELETE /api/v1/assignment-filters/{id}': 'policy.write',
  'GET /api/v1/assignments': 'policy.read',
  'PATCH /api/v1/assignments/{id}': 'policy.write',
  'DELETE /api/v1/assignments/{id}': 'policy.write',
  'GET /api/v1/compliance-policies': 'policy.read',
  'POST /api/v1/compliance-policies': 'policy.write',
  'GET /api/v1/compliance-policies/{id}': 'policy.read',
  'PATCH /api/v1/compliance-policies/{id}': 'policy.write',
  'DELETE /api/v1/compliance-policies/{id}': 'policy.write',
  'GET /api/v1/compliance-policies/{id}/assignments': 'policy.read',
  'POST /api/v1/compliance-policies/{id}/assignments': 'policy.write',
  'GET /api/v1/devices/{id}/configuration': 'policy.read',
  'GET /api/v1/devices/{id}/compliance': 'policy.read',
  'GET /api/v1/reports/compliance-overview': 'policy.read',
  'GET /api/v1/reports/devices-in-grace': 'policy.read',
  'GET /api/v1/reports/profile-status': 'policy.read',
};

const csvRoutes = ['GET /api/v1/reports/profile-status', 'GET /api/v1/profiles/{id}/status', 'GET /api/v1/profiles/{id}/settings-status', 'GET /api/v1/reports/compliance-overview', 'GET /api/v1/reports/devices-in-grace'];

let api: ListeningApi;
let operations: Map<string, Operation>;
beforeAll(async () => {
  api = await startListeningApi();
  const doc = okBody<{ paths: Record<string, Record<string, Operation>> }>(await send(api, 'GET', '/api/v1/openapi.json'));
  operations = new Map(Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op])));
});
afterAll(async () => {
  await api.close();
});

describe('the policy API in the OpenAPI document', () => {
  it('describes every route with its permission, bearer security and its error codes, each pointing at the one Error schema', () => {
    for (const [key, permission] of Object.entries(routes)) {
      const op = operations.get(key);
      expect(op, key).toBeDefined();
      expect(op?.operationId, key).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op?.tags, key).toHaveLength(1);
      expect(op?.security, key).toEqual([{ bearer: [] }]);
      expect(op?.['x-ward-permission'], key).toBe(permission);
      const codes = op?.['x-ward-error-codes'] ?? [];
      expect(codes, key).toEqual(expect.arrayContaining(['UNAUTHENTICATED', 'FORBIDDEN', 'INTERNAL']));
      for (const code of codes) {
        const response = op?.responses?.[String(errorStatus[code as keyof typeof errorStatus])];
        expect(response?.content?.['application/json']?.schema, `${key} ${code}`).toEqual({ $ref: '#/components/schemas/Error' });
        expect(response?.description?.split(', '), `${key} ${code}`).toContain(code);
      }
      if (op?.requestBody !== undefined) expect(codes, key).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE']));
    }
    const ids = [...operations.values()].map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('states the domain codes of each route', () => {
    expect(operations.get('POST /api/v1/profiles')?.['x-ward-error-codes']).toEqual(expect.arrayContaining(['SETTING_UNKNOWN', 'SETTING_VALUE_INVALID', 'PROFILE_INVALID', 'PROFILE_NAME_TAKEN']));
    expect(operations.get('PUT /api/v1/profiles/{id}')?.['x-ward-error-codes']).toEqual(expect.arrayContaining(['PROFILE_NOT_FOUND', 'PROFILE_VERSION_CONFLICT', 'PROFILE_KIND_MISMATCH']));
    expect(operations.get('POST /api/v1/profiles/{id}/assignments')?.['x-ward-error-codes']).toEqual(expect.arrayContaining(['ASSIGNMENT_ITEM_NOT_FOUND', 'ASSIGNMENT_GROUP_NOT_FOUND', 'ASSIGNMENT_EXISTS']));
    expect(operations.get('PATCH /api/v1/compliance-policies/{id}')?.['x-ward-error-codes']).toEqual(expect.arrayContaining(['COMPLIANCE_RULE_INVALID', 'COMPLIANCE_ACTION_INVALID', 'COMPLIANCE_POLICY_VERSION_CONFLICT']));
    expect(operations.get('GET /api/v1/devices/{id}/compliance')?.['x-ward-error-codes']).toContain('DEVICE_NOT_FOUND');
  });

  it('documents bodies with examples, paged queries, and the reports as JSON or CSV', () => {
    const createProfile = operations.get('POST /api/v1/profiles')?.requestBody?.content?.['application/json']?.schema;
    expect(createProfile).toMatchObject({ additionalProperties: false, required: ['name', 'kind', 'body'] });
    expect((createProfile?.properties as Record<string, { examples?: unknown[] } | undefined>).body?.examples).toHaveLength(6);
    const profile = operations.get('GET /api/v1/profiles/{id}')?.responses?.['200']?.content?.['application/json']?.schema;
    expect(profile).toMatchObject({ required: expect.arrayContaining(['id', 'kind', 'body', 'secretsSet', 'version']) });
    for (const key of ['GET /api/v1/profiles', 'GET /api/v1/compliance-policies', 'GET /api/v1/reports/devices-in-grace', 'GET /api/v1/profiles/{id}/status']) {
      const names = (operations.get(key)?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      expect(names, key).toEqual(expect.arrayContaining(['limit', 'cursor']));
    }
    for (const key of csvRoutes) {
      const content = operations.get(key)?.responses?.['200']?.content ?? {};
      expect(Object.keys(content).sort(), key).toEqual(['application/json', 'text/csv']);
      expect(content['text/csv']?.schema, key).toMatchObject({ type: 'string' });
      expect((operations.get(key)?.parameters ?? []).map((p) => p.name), key).toContain('format');
    }
  });
});
