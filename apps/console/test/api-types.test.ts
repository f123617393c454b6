import type { OpenAPI3 } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAccess, renderApiSchema } from './support/api-types.js';
import { startInProcessWard, type InProcessWard } from './support/in-process-ward.js';

// The console's API client is typed from files generated out of the document the real server
// serves. These fail while a checked-in file differs from what the server says today; regenerate
// with `npm run api:types -w @ward/console` (vitest's --update) and commit.
describe('the console API types', { timeout: 120_000 }, () => {
  let ward: InProcessWard | undefined;
  let document: OpenAPI3 | undefined;

  beforeAll(async () => {
    ward = await startInProcessWard();
    const response = await ward.server.api.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    document = response.json<OpenAPI3>();
  });
  afterAll(async () => {
    await ward?.stop();
  });

  it('match the paths and schemas of the OpenAPI document', async () => {
    if (document === undefined) throw new Error('no document');
    expect(Object.keys(document.paths ?? {})).toContain('/api/v1/devices/{id}/actions');
    await expect(await renderApiSchema(document)).toMatchFileSnapshot('../src/api/schema.gen.ts');
  });

  it('match the permissions the document states and the role table', async () => {
    if (document === undefined) throw new Error('no document');
    const access = renderAccess(document);
    expect(access).toContain("requestDeviceAction: 'devices.action',");
    expect(access).toContain('signIn: null,');
    await expect(access).toMatchFileSnapshot('../src/api/access.gen.ts');
  });
});
