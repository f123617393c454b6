import type { AuditTrail } from '../audit/ports.js';
import type { Permission } from '../directory/roles.js';
import type { TenantId } from '../kernel/brand.js';
import type { Principal } from '../kernel/context.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { EventPublisher } from '../kernel/events.js';
import type { Result } from '../kernel/result.js';
import type { Sha256Hex } from '../policy/configuration-item-hash.js';
import { appConfigurationPolicyHash } from './app-configuration-policy-hash.js';
import type { AppConfigurationSettings, MamTargets, ProtectionSettings } from './model.js';
import { protectionPolicyHash } from './protection-policy.js';

/** A stored MAM policy of either kind: its id type `I` and settings `T` tell the kinds apart. */
export interface MamPolicyRecord<I extends string, T> {
  readonly id: I;
  readonly tenantId: TenantId;
  readonly name: string;
  readonly description: string;
  readonly settings: T;
  readonly targets: MamTargets;
  readonly hash: string;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The fields an admin writes, validated. */
export type MamPolicyFields<T> = Pick<MamPolicyRecord<string, T>, 'name' | 'description' | 'settings' | 'targets'>;

/** What writing a MAM policy of any kind needs besides the kind's own store. */
export type MamPolicyWriteStores = AuditTrail & EventPublisher;

/** Finds the policy with an id if the principal holds the permission (the kind's NOT_FOUND otherwise). */
export type FindMamPolicy<S, P> = (stores: S, principal: Principal, permission: Permission, id: string) => Promise<Result<P, ErrorCode>>;

/** What the write use cases of one kind of MAM policy name differently: codes, audit and event names, the hash. */
export interface MamPolicyKind<T> {
  /** The kind `mamPolicy.changed` carries. */
  readonly kind: 'protection' | 'configuration';
  /** The audit target type, and the prefix of the audit actions (`….created`, `….updated`, `….deleted`). */
  readonly auditType: 'appProtectionPolicy' | 'appConfigurationPolicy';
  /** The policy as messages name it. */
  readonly noun: string;
  readonly invalid: 'APP_PROTECTION_POLICY_INVALID' | 'APP_CONFIGURATION_POLICY_INVALID';
  readonly nameTaken: 'APP_PROTECTION_POLICY_NAME_TAKEN' | 'APP_CONFIGURATION_POLICY_NAME_TAKEN';
  readonly versionConflict: 'APP_PROTECTION_POLICY_VERSION_CONFLICT' | 'APP_CONFIGURATION_POLICY_VERSION_CONFLICT';
  /** The policy's stored hash. */
  hash(sha256Hex: Sha256Hex, settings: T, targets: MamTargets): string;
}

export const protectionPolicyKind: MamPolicyKind<ProtectionSettings> = {
  kind: 'protection',
  auditType: 'appProtectionPolicy',
  noun: 'app protection policy',
  invalid: 'APP_PROTECTION_POLICY_INVALID',
  nameTaken: 'APP_PROTECTION_POLICY_NAME_TAKEN',
  versionConflict: 'APP_PROTECTION_POLICY_VERSION_CONFLICT',
  hash: protectionPolicyHash,
};

export const configurationPolicyKind: MamPolicyKind<AppConfigurationSettings> = {
  kind: 'configuration',
  auditType: 'appConfigurationPolicy',
  noun: 'app configuration policy',
  invalid: 'APP_CONFIGURATION_POLICY_INVALID',
  nameTaken: 'APP_CONFIGURATION_POLICY_NAME_TAKEN',
  versionConflict: 'APP_CONFIGURATION_POLICY_VERSION_CONFLICT',
  hash: appConfigurationPolicyHash,
};
