import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectCode, okBody, send, startListeningApi, type ListeningApi } from './support/policy-http.js';

interface FilterBody {
  id: string;
  name: string;
  description: string;
  platform: string | null;
  rule: string;
}

interface AssignmentBody {
  id: string;
  itemKind: string;
  itemId: string;
  target: { type: string; groupId?: string };
  mode: string;
  filter: { filterId: string; mode: string } | null;
  intent: string;
}

interface ListBody<T> {
  items: T[];
  nextCursor: null;
}

let api: ListeningApi;
let profile: string;
let policy: string;
let group: string;
beforeEach(async () => {
  api = await startListeningApi({ bodyLimit: 16 * 1024 });
  profile = okBody<{ id: string }>(
    await send(api, 'POST', '/api/v1/profiles', { as: 'globalAdmin', body: { name: 'Firewall', kind: 'settings', body: { settings: { 'firewall.enabled': true } } } }),
    201,
  ).id;
  policy = okBody<{ id: string }>(await send(api, 'POST', '/api/v1/compliance-policies', { as: 'globalAdmin', body: { name: 'Baseline', platforms: ['linux', 'macos'], rules: [{ kind: 'firewallOn' }] } }), 201).id;
  group = okBody<{ id: string }>(await send(api, 'POST', '/api/v1/groups', { as: 'globalAdmin', body: { name: 'Laptops', membershipType: 'static', memberType: 'device' } }), 201).id;
});
afterEach(async () => {
  await api.close();
});

const corporate = { name: 'Corporate macOS 14+', description: 'Owned by us', platform: 'macos', rule: 'device.ownership == "corporate" and device.osVersion >= "14.0"' };

describe('assignment filters', () => {
  it('creates, reads, lists, replaces and deletes a filter', async () => {
    const created = await send(api, 'POST', '/api/v1/assignment-filters', { as: 'policyManager', body: corporate });
    const filter = okBody<FilterBody>(created, 201);
    expect(created.headers.get('location')).toBe(`/api/v1/assignment-filters/${filter.id}`);
    expect(filter).toMatchObject(corporate);
    expect(okBody<FilterBody>(await send(api, 'GET', `/api/v1/assignment-filters/${filter.id}`, { as: 'readOnlyAuditor' }))).toEqual(filter);
    okBody(await send(api, 'POST', '/api/v1/assignment-filters', { as: 'globalAdmin', body: { name: 'Any personal', rule: 'device.ownership == "personal"' } }), 201);
    const listed = okBody<ListBody<FilterBody>>(await send(api, 'GET', '/api/v1/assignment-filters', { as: 'helpDeskOperator' }));
    expect(listed.items.map((f) => [f.name, f.platform])).toEqual([['Any personal', null], ['Corporate macOS 14+', 'macos']]);
    expect(listed.nextCursor).toBeNull();

    const replaced = okBody<FilterBody>(await send(api, 'PUT', `/api/v1/assignment-filters/${filter.id}`, { as: 'policyManager', body: { name: 'Corporate', rule: 'device.ownership == "corporate"' } }));
    expect(replaced).toMatchObject({ id: filter.id, name: 'Corporate', description: '', platform: null, rule: 'device.ownership == "corporate"' });
    expectCode(await send(api, 'PUT', `/api/v1/assignment-filters/${filter.id}`, { as: 'globalAdmin', body: { name: 'any PERSONAL', rule: 'device.ownership == "x"' } }), 409, 'ASSIGNMENT_FILTER_NAME_TAKEN');

    expect((await send(api, 'DELETE', `/api/v1/assignment-filters/${filter.id}`, { as: 'policyManager' })).status).toBe(204);
    expectCode(await send(api, 'GET', `/api/v1/assignment-filters/${filter.id}`, { as: 'globalAdmin' }), 404, 'ASSIGNMENT_FILTER_NOT_FOUND');
  });

  it('refuses rules that do not parse or read unknown properties, and filters in use', async () => {
    const broken = expectCode(await send(api, 'POST', '/api/v1/assignment-filters', { as: 'globalAdmin', body: { ...corporate, rule: 'device.ownership == ' } }), 400, 'ASSIGNMENT_FILTER_INVALID');
    expect(broken.details).toMatchObject({ at: expect.any(Number) });
    expectCode(await send(api, 'POST', '/api/v1/assignment-filters', { as: 'globalAdmin', body: { ...corporate, rule: 'user.department == "Sales"' } }), 400, 'ASSIGNMENT_FILTER_INVALID');
    expectCode(await send(api, 'POST', '/api/v1/assignment-filters', { as: 'globalAdmin', body: { ...corporate, platform: 'amiga' } }), 400, 'VALIDATION_FAILED');
    expectCode(await send(api, 'POST', '/api/v1/assignment-filters', { as: 'globalAdmin', body: { ...corporate, rule: 42 } }), 400, 'VALIDATION_FAILED');
    expectCode(await send(api, 'POST', '/api/v1/assignment-filters', { as: 'globalAdmin', body: { ...corporate, rule: 'x'.repeat(20 * 1024) } }), 413, 'PAYLOAD_TOO_LARGE');
    expect(okBody<ListBody<FilterBody>>(await send(api, 'GET', '/api/v1/assignment-filters', { as: 'globalAdmin' })).items).toEqual([]);

    const filter = okBody<FilterBody>(await send(api, 'POST', '/api/v1/assignment-filters', { as: 'globalAdmin', body: { ...corporate, platform: null } }), 201);
    okBody(await send(api, 'POST', `/api/v1/profiles/${profile}/assignments`, { as: 'globalAdmin', body: { target: { type: 'allDevices' }, filter: { filterId: filter.id, mode: 'include' } } }), 201);
    expectCode(await send(api, 'DELETE', `/api/v1/assignment-filters/${filter.id}`, { as: 'globalAdmin' }), 409, 'ASSIGNMENT_FILTER_IN_USE');
  });

  it('needs policy.write to change a filter', async () => {
    const filter = okBody<FilterBody>(await send(api, 'POST', '/api/v1/assignment-filters', { as: 'globalAdmin', body: corporate }), 201);
    expectCode(await send(api, 'GET', '/api/v1/assignment-filters'), 401, 'UNAUTHENTICATED');
    for (const role of ['helpDeskOperator', 'readOnlyAuditor'] as const) {
      expectCode(await send(api, 'POST', '/api/v1/assignment-filters', { as: role, body: { ...corporate, name: 'Other' } }), 403, 'FORBIDDEN');
      expectCode(await send(api, 'PUT', `/api/v1/assignment-filters/${filter.id}`, { as: role, body: corporate }), 403, 'FORBIDDEN');
      expectCode(await send(api, 'DELETE', `/api/v1/assignment-filters/${filter.id}`, { as: role }), 403, 'FORBIDDEN');
    }
    expectCode(await send(api, 'PUT', '/api/v1/assignment-filters/nothing', { as: 'globalAdmin', body: corporate }), 404, 'ASSIGNMENT_FILTER_NOT_FOUND');
    expectCode(await send(api, 'DELETE', '/api/v1/assignment-filters/nothing', { as: 'globalAdmin' }), 404, 'ASSIGNMENT_FILTER_NOT_FOUND');
  });
});

describe('assignments', () => {
  it('assigns profiles and compliance policies, lists them per item and per kind, changes and removes them', async () => {
    const filter = okBody<FilterBody>(await send(api, 'POST', '/api/v1/assignment-filters', { as: 'globalAdmin', body: corporate }), 201);
    const include = okBody<AssignmentBody>(
      await send(api, 'POST', `/api/v1/profiles/${profile}/assignments`, { as: 'policyManager', body: { target: { type: 'group', groupId: group }, filter: { filterId: filter.id, mode: 'include' } } }),
      201,
    );
    expect(include).toMatchObject({ itemKind: 'profile', itemId: profile, target: { type: 'group', groupId: group }, mode: 'include', filter: { filterId: filter.id, mode: 'include' }, intent: 'required' });
    const exclude = okBody<AssignmentBody>(await send(api, 'POST', `/api/v1/profiles/${profile}/assignments`, { as: 'policyManager', body: { target: { type: 'allUsers' }, mode: 'exclude' } }), 201);
    expect(exclude).toMatchObject({ target: { type: 'allUsers' }, mode: 'exclude', filter: null });
    const toPolicy = okBody<AssignmentBody>(await send(api, 'POST', `/api/v1/compliance-policies/${policy}/assignments`, { as: 'globalAdmin', body: { target: { type: 'allDevices' } } }), 201);
    expect(toPolicy).toMatchObject({ itemKind: 'compliancePolicy', itemId: policy, target: { type: 'allDevices' } });

    const ofProfile = okBody<ListBody<AssignmentBody>>(await send(api, 'GET', `/api/v1/profiles/${profile}/assignments`, { as: 'readOnlyAuditor' }));
    expect(ofProfile.items.map((a) => a.id).sort()).toEqual([include.id, exclude.id].sort());
    expect(okBody<ListBody<AssignmentBody>>(await send(api, 'GET', `/api/v1/compliance-policies/${policy}/assignments`, { as: 'readOnlyAuditor' })).items).toEqual([toPolicy]);
    expect(okBody<ListBody<AssignmentBody>>(await send(api, 'GET', '/api/v1/assignments?itemKind=compliancePolicy', { as: 'helpDeskOperator' })).items).toEqual([toPolicy]);
    expect(okBody<ListBody<AssignmentBody>>(await send(api, 'GET', `/api/v1/assignments?itemKind=profile&itemId=${profile}`, { as: 'globalAdmin' })).items).toHaveLength(2);

    const changed = okBody<AssignmentBody>(await send(api, 'PATCH', `/api/v1/assignments/${include.id}`, { as: 'policyManager', body: { filter: { filterId: filter.id, mode: 'exclude' } } }));
    expect(changed).toMatchObject({ id: include.id, mode: 'include', filter: { filterId: filter.id, mode: 'exclude' }, target: { type: 'group', groupId: group } });
    expect(okBody<AssignmentBody>(await send(api, 'PATCH', `/api/v1/assignments/${include.id}`, { as: 'policyManager', body: { filter: null } })).filter).toBeNull();

    expect((await send(api, 'DELETE', `/api/v1/assignments/${exclude.id}`, { as: 'policyManager' })).status).toBe(204);
    expectCode(await send(api, 'DELETE', `/api/v1/assignments/${exclude.id}`, { as: 'policyManager' }), 404, 'ASSIGNMENT_NOT_FOUND');
    expect(okBody<ListBody<AssignmentBody>>(await send(api, 'GET', `/api/v1/profiles/${profile}/assignments`, { as: 'globalAdmin' })).items.map((a) => a.id)).toEqual([include.id]);

    // Deleting the item takes its assignments with it.
    expect((await send(api, 'DELETE', `/api/v1/compliance-policies/${policy}`, { as: 'globalAdmin' })).status).toBe(204);
    expect(okBody<ListBody<AssignmentBody>>(await send(api, 'GET', '/api/v1/assignments?itemKind=compliancePolicy', { as: 'globalAdmin' })).items).toEqual([]);
  });

  it('refuses bad assignments with their codes and writes nothing', async () => {
    const url = `/api/v1/profiles/${profile}/assignments`;
    const platformFilter = okBody<FilterBody>(await send(api, 'POST', '/api/v1/assignment-filters', { as: 'globalAdmin', body: { name: 'iPads', platform: 'ipados', rule: 'device.model == "iPad"' } }), 201);
    const refusals: [string, unknown, number, string][] = [
      [url, { target: { type: 'group', groupId: 'no-such-group' } }, 404, 'ASSIGNMENT_GROUP_NOT_FOUND'],
      [url, { target: { type: 'group' } }, 400, 'ASSIGNMENT_INVALID'],
      [url, { target: { type: 'allDevices', groupId: group } }, 400, 'ASSIGNMENT_INVALID'],
      [url, { target: { type: 'allDevices' }, mode: 'exclude', filter: { filterId: platformFilter.id, mode: 'include' } }, 400, 'ASSIGNMENT_INVALID'],
      [url, { target: { type: 'allDevices' }, intent: 'available' }, 400, 'ASSIGNMENT_INVALID'],
      [url, { target: { type: 'allDevices' }, filter: { filterId: 'no-such-filter', mode: 'include' } }, 404, 'ASSIGNMENT_FILTER_NOT_FOUND'],
      // The profile is for settings platforms; ipados cannot take firewall.enabled.
      [url, { target: { type: 'allDevices' }, filter: { filterId: platformFilter.id, mode: 'include' } }, 400, 'ASSIGNMENT_FILTER_INVALID'],
      [url, { target: { type: 'everyone' } }, 400, 'VALIDATION_FAILED'],
      [url, { target: { type: 'allDevices' }, itemKind: 'profile' }, 400, 'VALIDATION_FAILED'],
      [url, { target: 'allDevices' }, 400, 'VALIDATION_FAILED'],
      [url, {}, 400, 'VALIDATION_FAILED'],
      ['/api/v1/profiles/no-such-profile/assignments', { target: { type: 'allDevices' } }, 404, 'ASSIGNMENT_ITEM_NOT_FOUND'],
      ['/api/v1/compliance-policies/no-such-policy/assignments', { target: { type: 'allDevices' } }, 404, 'ASSIGNMENT_ITEM_NOT_FOUND'],
    ];
    for (const [path, body, status, code] of refusals) expectCode(await send(api, 'POST', path, { as: 'globalAdmin', body }), status, code);
    expect(okBody<ListBody<AssignmentBody>>(await send(api, 'GET', '/api/v1/assignments?itemKind=profile', { as: 'globalAdmin' })).items).toEqual([]);

    const first = okBody<AssignmentBody>(await send(api, 'POST', url, { as: 'globalAdmin', body: { target: { type: 'allDevices' } } }), 201);
    expectCode(await send(api, 'POST', url, { as: 'globalAdmin', body: { target: { type: 'allDevices' }, mode: 'exclude' } }), 409, 'ASSIGNMENT_EXISTS');
    expectCode(await send(api, 'PATCH', `/api/v1/assignments/${first.id}`, { as: 'globalAdmin', body: { mode: 'sometimes' } }), 400, 'VALIDATION_FAILED');
    expectCode(await send(api, 'PATCH', `/api/v1/assignments/${first.id}`, { as: 'globalAdmin', body: { target: { type: 'allUsers' } } }), 400, 'VALIDATION_FAILED');
    expectCode(await send(api, 'PATCH', '/api/v1/assignments/nothing', { as: 'globalAdmin', body: { mode: 'exclude' } }), 404, 'ASSIGNMENT_NOT_FOUND');
    expectCode(await send(api, 'GET', '/api/v1/assignments?itemKind=widget', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectCode(await send(api, 'GET', '/api/v1/assignments', { as: 'globalAdmin' }), 400, 'VALIDATION_FAILED');
    expectCode(await send(api, 'GET', '/api/v1/profiles/no-such-profile/assignments', { as: 'globalAdmin' }), 404, 'PROFILE_NOT_FOUND');
    expectCode(await send(api, 'GET', '/api/v1/compliance-policies/no-such-policy/assignments', { as: 'globalAdmin' }), 404, 'COMPLIANCE_POLICY_NOT_FOUND');
    expectCode(await send(api, 'POST', url, { as: 'globalAdmin', body: { target: { type: 'group', groupId: 'g'.repeat(17 * 1024) } } }), 413, 'PAYLOAD_TOO_LARGE');
    expect(okBody<ListBody<AssignmentBody>>(await send(api, 'GET', url, { as: 'globalAdmin' })).items).toEqual([first]);
  });

  it('needs a token to read and policy.write to change', async () => {
    const assignment = okBody<AssignmentBody>(await send(api, 'POST', `/api/v1/profiles/${profile}/assignments`, { as: 'globalAdmin', body: { target: { type: 'allDevices' } } }), 201);
    expectCode(await send(api, 'GET', `/api/v1/profiles/${profile}/assignments`), 401, 'UNAUTHENTICATED');
    expectCode(await send(api, 'POST', `/api/v1/profiles/${profile}/assignments`, { body: { target: { type: 'allUsers' } } }), 401, 'UNAUTHENTICATED');
    for (const role of ['helpDeskOperator', 'readOnlyAuditor'] as const) {
      expect(okBody<ListBody<AssignmentBody>>(await send(api, 'GET', `/api/v1/profiles/${profile}/assignments`, { as: role })).items).toHaveLength(1);
      expectCode(await send(api, 'POST', `/api/v1/profiles/${profile}/assignments`, { as: role, body: { target: { type: 'allUsers' } } }), 403, 'FORBIDDEN');
      expectCode(await send(api, 'POST', `/api/v1/compliance-policies/${policy}/assignments`, { as: role, body: { target: { type: 'allUsers' } } }), 403, 'FORBIDDEN');
      expectCode(await send(api, 'PATCH', `/api/v1/assignments/${assignment.id}`, { as: role, body: { mode: 'exclude' } }), 403, 'FORBIDDEN');
      expectCode(await send(api, 'DELETE', `/api/v1/assignments/${assignment.id}`, { as: role }), 403, 'FORBIDDEN');
    }
    expect(okBody<ListBody<AssignmentBody>>(await send(api, 'GET', `/api/v1/profiles/${profile}/assignments`, { as: 'globalAdmin' })).items).toEqual([assignment]);
  });
});
