import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { complianceOverview, complianceStates, listDevicesInGrace, pageLimits, profileStatuses, profileStatusOverview, ruleOutcomes, type ComplianceOverview, type DeviceInGrace, type ProfileStatusLine } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { answersCsv, followPages, sendCsv } from '../csv-reply.js';
import { csvChunks, type CsvTable } from '../csv-writer.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { ComplianceOverview as ComplianceOverviewSchema, ComplianceOverviewQuery, DeviceInGracePage, DevicesInGraceQuery, type overviewTables } from '../schemas/compliance-status.js';
import { JsonOrCsv, ProfileStatusOverview, ProfileStatusOverviewQuery } from '../schemas/policy-reports.js';

const tags = ['reports'];

type OverviewRow<K extends keyof ComplianceOverview> = ComplianceOverview[K] extends readonly (infer R)[] ? R : never;

/** Each table of the compliance overview as CSV: one file per table, since their columns differ. */
const overviewCsv = {
  state: (o: ComplianceOverview) =>
    csvChunks<(typeof complianceStates)[number]>({ columns: ['state', 'devices'], cells: (s) => [s, o.byState[s]] }, [complianceStates]),
  platform: (o: ComplianceOverview) =>
    csvChunks<OverviewRow<'byPlatform'>>({ columns: ['platform', 'total', ...complianceStates], cells: (r) => [r.platform, r.total, ...complianceStates.map((s) => r.byState[s])] }, [o.byPlatform]),
  policy: (o: ComplianceOverview) =>
    csvChunks<OverviewRow<'byPolicy'>>(
      { columns: ['policyId', 'policyName', 'total', ...complianceStates], cells: (r) => [r.policyId, r.policyName, r.total, ...complianceStates.map((s) => r.byState[s])] },
      [o.byPolicy],
    ),
  rule: (o: ComplianceOverview) =>
    csvChunks<OverviewRow<'byRule'>>(
      { columns: ['policyId', 'policyName', 'ruleId', 'rule', ...ruleOutcomes], cells: (r) => [r.policyId, r.policyName, r.ruleId, r.title, ...ruleOutcomes.map((x) => r.counts[x])] },
      [o.byRule],
    ),
} satisfies Record<(typeof overviewTables)[number], (overview: ComplianceOverview) => AsyncIterable<string>>;

/** The columns of the devices-in-grace export. */
const graceTable: CsvTable<DeviceInGrace> = {
  columns: ['deviceId', 'deviceName', 'platform', 'policyId', 'policyName', 'failingSince', 'deadline', 'failedRules'],
  cells: (r) => [r.deviceId, r.deviceName, r.platform, r.policyId, r.policyName, r.failingSince, r.deadline, r.failedRules.map((f) => `${f.ruleId}: ${f.title}`).join('; ')],
};

/** The columns of the profile status overview export. */
const profileLinesTable: CsvTable<ProfileStatusLine> = {
  columns: ['profileId', 'name', 'kind', 'platforms', 'total', ...profileStatuses],
  cells: (l) => [l.profileId, l.name, l.kind, l.platforms.join(' '), l.total, ...profileStatuses.map((s) => l.counts[s])],
};

/**
 * `/api/v1/reports`: fleet-wide compliance and configuration reports, each as JSON or CSV
 * (`?format=csv` or `Accept: text/csv`). Admins scoped to groups see their groups' devices.
 */
export const policyReportsRoutes: FastifyPluginCallbackTypebox<RouteDeps> = (app, { deps }, done) => {
  app.get('/reports/compliance-overview', {
    schema: {
      tags,
      operationId: 'getComplianceOverview',
      summary: 'Devices by compliance state, by platform, by policy and by rule outcome. As CSV, one table per file, chosen with `by`.',
      querystring: ComplianceOverviewQuery,
      response: { 200: JsonOrCsv(ComplianceOverviewSchema) },
    },
    config: requires('policy.read'),
  }, async (request, reply) => {
    const overview = unwrap(await complianceOverview(deps, principalOf(request)));
    const { format, by = 'state' } = request.query;
    if (answersCsv(reply, format, request.headers.accept)) return sendCsv(reply, `compliance-overview-by-${by}.csv`, overviewCsv[by](overview));
    return reply.send(overview);
  });

  app.get('/reports/profile-status', {
    schema: {
      tags,
      operationId: 'getProfileStatusOverview',
      summary: 'Every configuration profile with its devices counted by status (pending, succeeded, failed, conflict, notApplicable, removing), by name.',
      querystring: ProfileStatusOverviewQuery,
      response: { 200: JsonOrCsv(ProfileStatusOverview) },
    },
    config: requires('policy.read'),
  }, async (request, reply) => {
    const lines = unwrap(await profileStatusOverview(deps, principalOf(request)));
    if (answersCsv(reply, request.query.format, request.headers.accept)) return sendCsv(reply, 'profile-status.csv', csvChunks(profileLinesTable, [lines]));
    return reply.send({ items: lines.map((l) => ({ ...l, platforms: [...l.platforms] })) });
  });

  app.get('/reports/devices-in-grace', {
    schema: {
      tags,
      operationId: 'listDevicesInGrace',
      summary: 'Devices in their grace period, soonest deadline first: who turns noncompliant, when, and which rules they fail. As CSV, every such device.',
      querystring: DevicesInGraceQuery,
      response: { 200: JsonOrCsv(DeviceInGracePage) },
    },
    config: requires('policy.read', ['INVALID_CURSOR', 'INVALID_FILTER']),
  }, async (request, reply) => {
    const principal = principalOf(request);
    const { limit, cursor, policyId, format } = request.query;
    const csv = answersCsv(reply, format, request.headers.accept);
    const page = async (after: string | undefined, size: number | undefined) => unwrap(await listDevicesInGrace(deps, principal, { policyId, limit: size, cursor: after }));
    const first = await page(cursor, csv ? pageLimits.max : limit);
    if (csv) return sendCsv(reply, 'devices-in-grace.csv', csvChunks(graceTable, followPages(first, (next) => page(next, pageLimits.max))));
    return reply.send(first);
  });

  done();
};
