import type { Migration } from 'kysely';
import type { Dialect } from '../database/dialect.js';
import { foundation } from './0001-foundation.js';
import { deviceManagement } from './0002-device-management.js';
import { policyEngine } from './0003-policy-engine.js';
import { appleMdm } from './0004-apple-mdm.js';
import { apns } from './0005-apns.js';
import { complianceHistory } from './0006-compliance-history.js';
import { appleDelivery } from './0007-apple-delivery.js';
import { conditionalAccess } from './0008-conditional-access.js';
import { identityProvider } from './0009-identity-provider.js';
import { passkeys } from './0010-passkeys.js';
import { reportIndexes } from './0011-report-indexes.js';
import { apps } from './0012-apps.js';
import { mam } from './0013-mam.js';
import { upstreamIdentityProviders } from './0014-upstream-identity-providers.js';

/**
 * Every migration, by name, for one dialect. Names sort in the order they run; a migration, once
 * released, is never edited: a change is a new migration.
 */
export function wardMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-foundation': foundation(dialect),
    '0002-device-management': deviceManagement(dialect),
    '0003-policy-engine': policyEngine(dialect),
    '0004-apple-mdm': appleMdm(dialect),
    '0005-apns': apns(dialect),
    '0006-compliance-history': complianceHistory(dialect),
    '0007-apple-delivery': appleDelivery(dialect),
    '0008-conditional-access': conditionalAccess(dialect),
    '0009-identity-provider': identityProvider(dialect),
    '0010-passkeys': passkeys(dialect),
    '0011-report-indexes': reportIndexes(),
    '0012-apps': apps(dialect),
    '0013-mam': mam(dialect),
    '0014-upstream-identity-providers': upstreamIdentityProviders(dialect),
  };
}
