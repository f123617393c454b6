import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
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
export const policyRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { deps }) => {
  await app.register(settingsCatalogRoutes);
  await app.register(profilesRoutes, { deps });
  await app.register(assignmentFiltersRoutes, { deps });
  await app.register(assignmentsRoutes, { deps });
  await app.register(compliancePoliciesRoutes, { deps });
  await app.register(deviceConfigurationRoutes, { deps });
  await app.register(deviceComplianceRoutes, { deps });
  await app.register(policyReportsRoutes, { deps });
};
