import type { ComplianceAction, CompliancePolicy, CompliancePolicyStore } from '@ward/core';
import type { SecretSealer } from './secret-sealer.js';

/**
 * The SecretBox label of a webhook action's secret. Tenant, policy and action id (unique within the
 * policy) are bound in, so a sealed value copied to another row or another action does not open.
 */
function labelOf(policy: CompliancePolicy, actionId: string): string {
  return `compliance-policy:${policy.tenantId}:${policy.id}:actions[${actionId}].secret`;
}

function mapWebhookSecrets(policy: CompliancePolicy, f: (secret: string, actionId: string) => string): CompliancePolicy {
  return { ...policy, actions: policy.actions.map((a): ComplianceAction => (a.kind === 'notifyWebhook' ? { ...a, secret: f(a.secret, a.id) } : a)) };
}

/**
 * {@link CompliancePolicyStore} whose webhook secrets (`notifyWebhook.secret`) are sealed on the
 * way into `inner` and opened on the way out; everything else passes through. Every method is
 * listed, none spread, so a read added to the port cannot slip past unopened.
 */
export function sealCompliancePolicyStore(inner: CompliancePolicyStore, sealer: SecretSealer): CompliancePolicyStore {
  const seal = (policy: CompliancePolicy): CompliancePolicy => mapWebhookSecrets(policy, (secret, actionId) => sealer.seal(secret, labelOf(policy, actionId)));
  const open = (policy: CompliancePolicy): CompliancePolicy =>
    mapWebhookSecrets(policy, (secret, actionId) =>
      sealer.open(secret, labelOf(policy, actionId), () => `Compliance policy "${policy.name}" (${policy.id}, tenant ${policy.tenantId}), secret of webhook action ${actionId}`),
    );

  return {
    getCompliancePolicy: async (tenantId, id) => {
      const policy = await inner.getCompliancePolicy(tenantId, id);
      return policy && open(policy);
    },
    getCompliancePolicyByName: async (tenantId, name) => {
      const policy = await inner.getCompliancePolicyByName(tenantId, name);
      return policy && open(policy);
    },
    listAllCompliancePolicies: async (tenantId) => (await inner.listAllCompliancePolicies(tenantId)).map(open),
    listCompliancePolicies: async (tenantId, filter, page) => {
      const result = await inner.listCompliancePolicies(tenantId, filter, page);
      return { ...result, items: result.items.map(open) };
    },
    insertCompliancePolicy: (policy) => inner.insertCompliancePolicy(seal(policy)),
    updateCompliancePolicy: (policy) => inner.updateCompliancePolicy(seal(policy)),
    deleteCompliancePolicy: (tenantId, id) => inner.deleteCompliancePolicy(tenantId, id),
  };
}
