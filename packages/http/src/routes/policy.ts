import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { policyDeps } from '../policy-route-deps.js';
import type { RouteDeps } from '../route-deps.js';
import { assignmentFiltersRoutes } from './assignment-filters.js';
import { assignmentsRoutes } from './assignments.js';
import { compliancePoliciesRoutes } from './compliance-policies.js';
import { deviceComplianceRoutes } from './device-compliance.js';
import { deviceConfigurationRoutes } from './device-configuration.js';
import { policyReportsRoutes } from './policy-reports.js';
import { profilesRoutes } from './profiles.js';
import { settingsCatalogRoutes } from './settings-catalog.js';

/**
 * The policy engine's admin API: the settings catalog, configuration profiles, assignment
 * filters, assignments, compliance policies, where each device stands, and the reports.
 */
export const policyRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, options) => {
  const policy = { deps: policyDeps(options.deps) };
  await app.register(settingsCatalogRoutes);
  await app.register(profilesRoutes, policy);
  await app.register(assignmentFiltersRoutes, policy);
  await app.register(assignmentsRoutes, policy);
  await app.register(compliancePoliciesRoutes, policy);
  await app.register(deviceConfigurationRoutes, policy);
  await app.register(deviceComplianceRoutes, policy);
  await app.register(policyReportsRoutes, policy);
};
