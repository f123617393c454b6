import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { createProfile, deleteProfile, getProfile, getProfileSettingStatus, getProfileStatus, listProfiles, pageLimits, updateProfile, type ProfileDeviceStatus, type SettingStatusRow } from '@ward/core';
import { apiPrefix } from '../api-prefix.js';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { answersCsv, followPages, sendCsv } from '../csv-reply.js';
import { csvChunks, type CsvTable } from '../csv-writer.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import { CreateProfileBody, ListProfilesQuery, Profile, ProfilePage, ReplaceProfileBody } from '../schemas/policy-profiles.js';
import { JsonOrCsv } from '../schemas/policy-reports.js';
import { ProfileStatusQuery, ProfileStatusReport, ReportFormatOnlyQuery, SettingStatusList } from '../schemas/policy-status.js';

const tags = ['profiles'];

// What core's profile validator may answer besides the name check; one list for create and replace.
const profileInputErrors = ['PROFILE_INVALID', 'PROFILE_NAME_TAKEN', 'PROFILE_SECRET_REQUIRED', 'PROFILE_VARIABLE_UNKNOWN', 'SETTING_UNKNOWN', 'SETTING_VALUE_INVALID', 'SETTING_PLATFORM_UNSUPPORTED'] as const;

/** The columns of a profile's device status export. */
const deviceStatusTable: CsvTable<ProfileDeviceStatus> = {
  columns: ['deviceId', 'deviceName', 'status', 'action', 'reason', 'error', 'conflicts', 'reportedStatus', 'desiredAt', 'reportedAt'],
  cells: (r) => [
    r.deviceId,
    r.deviceName,
    r.status,
    r.action,
    r.reason,
    r.error,
    r.conflicts.map((c) => `${c.settingId}: ${c.profileIds.join(' ')}`).join('; '),
    r.reportedStatus,
    r.desiredAt,
    r.reportedAt,
  ],
};

/** The columns of a settings profile's per-setting export. */
const settingStatusTable: CsvTable<SettingStatusRow> = {
  columns: ['settingId', 'name', 'succeeded', 'failed', 'notApplicable', 'conflict'],
  cells: (r) => [r.settingId, r.name, r.succeeded, r.failed, r.notApplicable, r.conflict],
};

/** `/api/v1/profiles`: configuration profiles of every kind, and where they stand on devices. */
export const profilesRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/profiles', {
    schema: { tags, operationId: 'listProfiles', summary: 'List configuration profiles. Secrets are never returned.', querystring: ListProfilesQuery, response: { 200: ProfilePage } },
    config: requires('policy.read', ['INVALID_CURSOR', 'INVALID_FILTER']),
  }, async (request) => {
    const { limit, cursor, sort, order, ...filter } = request.query;
    return unwrap(await listProfiles(deps, principalOf(request), { filter, limit, cursor, sort, order }));
  });

  app.post('/profiles', {
    schema: {
      tags,
      operationId: 'createProfile',
      summary: 'Create a configuration profile. It reaches no device until it is assigned.',
      body: CreateProfileBody,
      response: { 201: Profile },
    },
    config: requires('policy.write', [...profileInputErrors, 'PROFILE_NOT_FOUND', 'PROFILE_KIND_MISMATCH']),
  }, async (request, reply) => {
    const profile = unwrap(await createProfile(deps, principalOf(request), request.body));
    return reply.code(201).header('location', `${apiPrefix}/profiles/${profile.id}`).send(profile);
  });

  app.get('/profiles/:id', {
    schema: { tags, operationId: 'getProfile', summary: 'Get a profile. Secrets are null; `secretsSet` names those stored.', params: IdParams, response: { 200: Profile } },
    config: requires('policy.read', ['PROFILE_NOT_FOUND']),
  }, async (request) => unwrap(await getProfile(deps, principalOf(request), request.params.id)));

  app.put('/profiles/:id', {
    schema: {
      tags,
      operationId: 'replaceProfile',
      summary: 'Replace a profile\'s definition (its kind is fixed). Null secrets keep the stored ones. Devices that have or get it are recomputed in the background.',
      params: IdParams,
      body: ReplaceProfileBody,
      response: { 200: Profile },
    },
    config: requires('policy.write', [...profileInputErrors, 'PROFILE_NOT_FOUND', 'PROFILE_VERSION_CONFLICT', 'PROFILE_KIND_MISMATCH', 'PROFILE_IN_USE']),
  }, async (request) => {
    const { expectedVersion, ...profile } = request.body;
    return unwrap(await updateProfile(deps, principalOf(request), { id: request.params.id, expectedVersion, profile }));
  });

  app.delete('/profiles/:id', {
    schema: { tags, operationId: 'deleteProfile', summary: 'Delete a profile and its assignments; devices remove it at their next check-in.', params: IdParams, response: { 204: NoContent } },
    config: requires('policy.write', ['PROFILE_NOT_FOUND', 'PROFILE_IN_USE']),
  }, async (request, reply) => {
    unwrap(await deleteProfile(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });

  app.get('/profiles/:id/status', {
    schema: {
      tags,
      operationId: 'getProfileStatus',
      summary: 'Counts of devices by status, and a page of devices with their status and error. As CSV, every device (in pages of the largest size).',
      params: IdParams,
      querystring: ProfileStatusQuery,
      response: { 200: JsonOrCsv(ProfileStatusReport) },
    },
    config: requires('policy.read', ['PROFILE_NOT_FOUND', 'INVALID_CURSOR', 'INVALID_FILTER']),
  }, async (request, reply) => {
    const principal = principalOf(request);
    const { limit, cursor, status, format } = request.query;
    const profileId = request.params.id;
    const csv = answersCsv(reply, format, request.headers.accept);
    const page = async (after: string | undefined, size: number | undefined) => unwrap(await getProfileStatus(deps, principal, { profileId, status, limit: size, cursor: after }));
    const first = await page(cursor, csv ? pageLimits.max : limit);
    if (csv) {
      const pages = followPages(first.devices, async (next) => (await page(next, pageLimits.max)).devices);
      return sendCsv(reply, `profile-${profileId}-status.csv`, csvChunks(deviceStatusTable, pages));
    }
    return reply.send({ profileId: first.profileId, counts: first.counts, items: first.devices.items, nextCursor: first.devices.nextCursor });
  });

  app.get('/profiles/:id/settings-status', {
    schema: {
      tags,
      operationId: 'getProfileSettingStatus',
      summary: 'Per setting of a settings profile: devices that applied it, failed it, could not take it, or have it in conflict.',
      params: IdParams,
      querystring: ReportFormatOnlyQuery,
      response: { 200: JsonOrCsv(SettingStatusList) },
    },
    config: requires('policy.read', ['PROFILE_NOT_FOUND', 'PROFILE_KIND_MISMATCH']),
  }, async (request, reply) => {
    const rows = unwrap(await getProfileSettingStatus(deps, principalOf(request), request.params.id));
    if (answersCsv(reply, request.query.format, request.headers.accept)) return sendCsv(reply, `profile-${request.params.id}-settings-status.csv`, csvChunks(settingStatusTable, [rows]));
    return reply.send({ items: rows, nextCursor: null });
  });

  done();
};
