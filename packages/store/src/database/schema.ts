import type { ColumnType } from 'kysely';

/**
 * A timestamp as the driver hands it over: `Date` from PostgreSQL (timestamptz), epoch
 * milliseconds from SQLite (INTEGER). {@link ColumnCodec} converts both ways.
 */
export type TimestampColumn = Date | number;
/** A boolean: PostgreSQL boolean, SQLite 0/1. */
export type BooleanColumn = boolean | number;
/** JSON: written as JSON text; read back parsed (PostgreSQL jsonb) or as text (SQLite). */
export type JsonColumn = ColumnType<unknown, string, string>;
/** Nullable JSON. */
export type NullableJsonColumn = ColumnType<unknown, string | null, string | null>;

/** `tenants`: one row per organisation; `tenant_id` is its id. */
export interface TenantsTable {
  tenant_id: string;
  slug: string;
  name: string;
  created_at: TimestampColumn;
}

/** `users`: the directory; e-mail unique per tenant. */
export interface UsersTable {
  tenant_id: string;
  id: string;
  email: string;
  display_name: string;
  /** Lower-cased display name: case-insensitive sort and search. */
  display_name_key: string;
  given_name: string | null;
  surname: string | null;
  department: string | null;
  job_title: string | null;
  employee_id: string | null;
  disabled: BooleanColumn;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
  attributes: JsonColumn;
}

/** `groups`: static and dynamic groups; name unique per tenant, case-insensitively. */
export interface GroupsTable {
  tenant_id: string;
  id: string;
  name: string;
  /** Lower-cased name: uniqueness, sort and search are case-insensitive. */
  name_key: string;
  description: string;
  membership_type: string;
  member_type: string;
  rule: string | null;
  /** Kept by the member writes, so lists never count members. */
  member_count: ColumnType<number, number | undefined, number>;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

/** `group_members`: who is in which group; keyed by tenant, group, member type and id. */
export interface GroupMembersTable {
  tenant_id: string;
  group_id: string;
  member_type: string;
  member_id: string;
  added_at: TimestampColumn;
}

/** `role_assignments`: admins' roles and scopes. */
export interface RoleAssignmentsTable {
  tenant_id: string;
  id: string;
  user_id: string;
  role: string;
  created_at: TimestampColumn;
  /** JSON array of group ids; null for the whole tenant. */
  scope_group_ids: NullableJsonColumn;
}

/** `credentials`: sign-in secrets, one row per user. */
export interface CredentialsTable {
  tenant_id: string;
  user_id: string;
  password_hash: string | null;
  totp_secret_sealed: string | null;
  totp_state: string;
  totp_last_step: number | null;
  failed_attempts: number;
  locked_until: TimestampColumn | null;
  password_changed_at: TimestampColumn | null;
}

/** `access_tokens`: API tokens and sessions (hashes only). */
export interface AccessTokensTable {
  tenant_id: string;
  id: string;
  kind: string;
  user_id: string;
  name: string;
  secret_hash: string;
  role: string | null;
  expires_at: TimestampColumn;
  revoked_at: TimestampColumn | null;
  last_used_at: TimestampColumn | null;
  created_at: TimestampColumn;
  scope_group_ids: NullableJsonColumn;
}

/** `devices`: device records with the derived sort and search columns. */
export interface DevicesTable {
  tenant_id: string;
  id: string;
  name: string;
  /** Lower-cased name: case-insensitive sort. */
  name_key: string;
  platform: string;
  ownership: string;
  management_state: string;
  compliance_state: string;
  serial_number: string | null;
  model: string | null;
  manufacturer: string | null;
  os_version: string | null;
  /** Sortable form of os_version ('' when it has none); see `osVersionKey`. */
  os_version_key: string;
  primary_user_id: string | null;
  /** Lower-cased name, serial number and model, for substring search. */
  search_text: string;
  /**
   * SQLite only: the row's key in the `devices_search` trigram index. The implicit rowid cannot
   * serve, since VACUUM may renumber it.
   */
  search_id: ColumnType<number | null, number | undefined, never>;
  enrolled_at: TimestampColumn;
  last_seen_at: TimestampColumn | null;
  /** last_seen_at, or a sentinel before every instant when never seen: the sort key, never NULL. */
  last_seen_key: ColumnType<TimestampColumn, TimestampColumn | string, TimestampColumn | string>;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
  // The large JSON columns come last: SQLite reads a row's columns in order, so filters on the
  // columns above never touch the overflow pages these occupy.
  facts: JsonColumn;
  inventory: JsonColumn;
}

/** `audit_events`: the hash-chained audit trail, keyed by tenant and sequence number. */
export interface AuditEventsTable {
  tenant_id: string;
  seq: number;
  id: string;
  action: string;
  actor_type: string;
  actor_id: string;
  actor_name: string;
  target_type: string;
  target_id: string;
  occurred_at: TimestampColumn;
  prev_hash: string;
  hash: string;
  origin: JsonColumn;
  before: JsonColumn;
  after: JsonColumn;
}

/** `audit_heads`: each tenant's chain head; appends lock it. */
export interface AuditHeadsTable {
  tenant_id: string;
  seq: number;
  hash: string;
}

/** `jobs`: pending and failed jobs. */
export interface JobsTable {
  tenant_id: string;
  id: string;
  kind: string;
  /** `waiting` (to run at run_at), `running` (claimed until locked_until) or `failed` (gave up). */
  state: string;
  unique_key: string | null;
  run_at: TimestampColumn;
  /** Claims so far, the current one included. */
  attempts: number;
  /** The claim token of the worker that holds the job. */
  locked_by: string | null;
  locked_until: TimestampColumn | null;
  last_error: string | null;
  created_at: TimestampColumn;
  payload: JsonColumn;
}

/** `job_schedules`: recurring jobs and their next tick. */
export interface JobSchedulesTable {
  tenant_id: string;
  kind: string;
  every_ms: number;
  next_run_at: TimestampColumn;
  payload: JsonColumn;
}

/** `device_software`: each corporate device's installed software, replaced at each report. */
export interface DeviceSoftwareTable {
  tenant_id: string;
  device_id: string;
  name: string;
  /** Lower-cased name: case-insensitive sort and search, and the fleet-wide "who has X" lookup. */
  name_key: string;
  version: string;
  source: string;
}

/** `device_hardware_ids`: which device a machine is, across enrollments; one device per hardware id. */
export interface DeviceHardwareIdsTable {
  tenant_id: string;
  hardware_id: string;
  device_id: string;
}

/** `enrollment_tokens`: enrollment secrets (hashes only) and how often each was used. */
export interface EnrollmentTokensTable {
  tenant_id: string;
  id: string;
  name: string;
  secret_hash: string;
  max_uses: number | null;
  uses: number;
  ownership: string;
  target_group_id: string | null;
  user_id: string | null;
  expires_at: TimestampColumn;
  revoked_at: TimestampColumn | null;
  created_by: string;
  created_at: TimestampColumn;
}

/** `enrollment_restrictions`: one row per tenant that changed the defaults. */
export interface EnrollmentRestrictionsTable {
  tenant_id: string;
  allow_personal: BooleanColumn;
  max_devices_per_user: number;
  updated_at: TimestampColumn;
  /** JSON array of platforms. */
  allowed_platforms: JsonColumn;
  /** JSON object: platform → minimum version. */
  min_os_version: JsonColumn;
}

/** `device_identities`: certificates issued to devices; serial numbers are unique across tenants. */
export interface DeviceIdentitiesTable {
  tenant_id: string;
  serial_number: string;
  device_id: string;
  fingerprint: string;
  not_before: TimestampColumn;
  not_after: TimestampColumn;
  /** `active`, `superseded` or `revoked`. */
  state: string;
  revoked_at: TimestampColumn | null;
  created_at: TimestampColumn;
}

/** `device_commands`: pending commands only; a result or expiry moves a row to `command_history`. */
export interface DeviceCommandsTable {
  tenant_id: string;
  id: string;
  device_id: string;
  type: string;
  signature: string;
  /** `queued` or `sent`. */
  status: string;
  deliveries: number;
  requested_by: string;
  created_at: TimestampColumn;
  sent_at: TimestampColumn | null;
  expires_at: TimestampColumn;
  payload: JsonColumn;
}

/** `command_history`: finished commands, the per-device action history. */
export interface CommandHistoryTable {
  tenant_id: string;
  id: string;
  device_id: string;
  type: string;
  status: string;
  requested_by: string;
  created_at: TimestampColumn;
  completed_at: TimestampColumn;
  result: NullableJsonColumn;
}

/**
 * `server_secrets`: server-wide secrets (the CA bundle, already encrypted; the command-signing
 * key), shared by every node. `tenant_id` is `*`: they belong to no tenant.
 */
export interface ServerSecretsTable {
  tenant_id: ColumnType<string, string | undefined, never>;
  name: string;
  value: string;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

/** `profiles`: configuration profiles; the kind's body (secrets included) is one JSON column. */
export interface ProfilesTable {
  tenant_id: string;
  id: string;
  name: string;
  /** Lower-cased name: uniqueness, sort and search are case-insensitive. */
  name_key: string;
  description: string;
  kind: string;
  version: number;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
  /** JSON array of platforms. */
  platforms: JsonColumn;
  body: JsonColumn;
}

/** `assignment_filters`: named rules that narrow assignments; name unique per tenant, case-insensitively. */
export interface AssignmentFiltersTable {
  tenant_id: string;
  id: string;
  name: string;
  name_key: string;
  description: string;
  platform: string | null;
  rule: string;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

/** `assignments`: an item (profile, compliance policy) given to or withheld from a target. */
export interface AssignmentsTable {
  tenant_id: string;
  id: string;
  item_kind: string;
  item_id: string;
  /** `group`, `allUsers` or `allDevices`; group_id is set for `group` only. */
  target_type: string;
  group_id: string | null;
  mode: string;
  /** Both set or both null. */
  filter_id: string | null;
  filter_mode: string | null;
  intent: string;
  created_at: TimestampColumn;
}

/** `device_profile_states`: desired and reported configuration, one row per device and profile. */
export interface DeviceProfileStatesTable {
  tenant_id: string;
  device_id: string;
  profile_id: string;
  /** Derived from both sides and stored, so reports count it in SQL. */
  status: string;
  action: string;
  desired_hash: string | null;
  reason: string | null;
  desired_at: TimestampColumn;
  reported_hash: string | null;
  reported_status: string | null;
  error: string | null;
  reported_at: TimestampColumn | null;
  /** JSON array of `{ settingId, profileIds }`. */
  conflicts: JsonColumn;
  /** JSON array of `{ id, status, error? }` as the device reported them. */
  settings: JsonColumn;
}

/** `compliance_policies`: rules, actions (webhook secrets included) and validity period per policy. */
export interface CompliancePoliciesTable {
  tenant_id: string;
  id: string;
  name: string;
  /** Lower-cased name: uniqueness, sort and search are case-insensitive. */
  name_key: string;
  description: string;
  validity_days: number;
  version: number;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
  /** JSON array of platforms. */
  platforms: JsonColumn;
  rules: JsonColumn;
  actions: JsonColumn;
}

/** `device_compliance`: where one device stands against one policy. */
export interface DeviceComplianceTable {
  tenant_id: string;
  device_id: string;
  policy_id: string;
  policy_version: number;
  state: string;
  failing_since: TimestampColumn | null;
  grace_ends_at: TimestampColumn | null;
  reevaluate_at: TimestampColumn | null;
  evaluated_at: TimestampColumn;
  /** JSON array of rule results, as the explain view shows them. */
  results: JsonColumn;
}

/** `device_compliance_rules`: each record's rule outcomes, for the per-rule report. */
export interface DeviceComplianceRulesTable {
  tenant_id: string;
  device_id: string;
  policy_id: string;
  rule_id: string;
  outcome: string;
}

/** `compliance_history`: changes of a device's state, overall (policy_id null) or per policy. */
export interface ComplianceHistoryTable {
  tenant_id: string;
  id: string;
  device_id: string;
  policy_id: string | null;
  from_state: string;
  to_state: string;
  at: TimestampColumn;
  causes: JsonColumn;
}

/** `compliance_actions`: scheduled actions of current failing episodes. */
export interface ComplianceActionsTable {
  tenant_id: string;
  device_id: string;
  policy_id: string;
  action_id: string;
  kind: string;
  failing_since: TimestampColumn;
  /** When due; while a runner holds a claim, when the claim ends. */
  due_at: TimestampColumn;
  attempts: number;
  done_at: TimestampColumn | null;
  outcome: NullableJsonColumn;
}

/** `compliance_snapshots`: a tenant's devices per compliance state on one day, overall (policy_id '') or per policy. */
export interface ComplianceSnapshotsTable {
  tenant_id: string;
  policy_id: string;
  day: string;
  unknown: number;
  compliant: number;
  in_grace_period: number;
  noncompliant: number;
  error: number;
  not_applicable: number;
  recorded_at: TimestampColumn;
}

/**
 * `push_certificates`: a tenant's APNs credentials, one row per tenant: the pending request
 * (`pending_*`) and the active certificate. Keys are sealed (`ward-sealed:` prefix) by the store.
 */
export interface PushCertificatesTable {
  tenant_id: string;
  pending_id: string | null;
  pending_csr: string | null;
  pending_key: string | null;
  pending_key_sha256: string | null;
  pending_requested_at: TimestampColumn | null;
  topic: string | null;
  certificate: string | null;
  certificate_key: string | null;
  certificate_key_sha256: string | null;
  serial_number: string | null;
  subject: string | null;
  not_before: TimestampColumn | null;
  not_after: TimestampColumn | null;
  uploaded_at: TimestampColumn | null;
  updated_at: TimestampColumn;
}

/** `apple_scep_challenges`: one-time SCEP challenges, by SHA-256 of the text. */
export interface AppleScepChallengesTable {
  tenant_id: string;
  challenge_hash: string;
  expires_at: TimestampColumn;
  created_at: TimestampColumn;
  context: JsonColumn;
}

/** `apple_identities`: certificates issued over SCEP, bound to a device at Authenticate. */
export interface AppleIdentitiesTable {
  tenant_id: string;
  serial_number: string;
  fingerprint: string;
  not_before: TimestampColumn;
  not_after: TimestampColumn;
  state: string;
  device_id: string | null;
  created_at: TimestampColumn;
  revoked_at: TimestampColumn | null;
  context: JsonColumn;
}

/** `apple_devices`: each Apple device's MDM enrollment; tokens sealed by the store. */
export interface AppleDevicesTable {
  tenant_id: string;
  device_id: string;
  udid: string | null;
  enrollment_id: string | null;
  user_enrollment: BooleanColumn;
  state: string;
  topic: string;
  push_token: string | null;
  push_magic: string | null;
  unlock_token: string | null;
  bootstrap_token: string | null;
  authenticated_at: TimestampColumn;
  token_updated_at: TimestampColumn | null;
  checked_out_at: TimestampColumn | null;
  installed_profiles: JsonColumn;
}

/** `apple_user_channels`: user channels (macOS users) of Apple devices. */
export interface AppleUserChannelsTable {
  tenant_id: string;
  device_id: string;
  user_id: string;
  user_short_name: string | null;
  user_long_name: string | null;
  push_token: string;
  push_magic: string;
  updated_at: TimestampColumn;
}

/** `apple_commands`: pending Apple commands only. */
export interface AppleCommandsTable {
  tenant_id: string;
  command_uuid: string;
  device_id: string;
  channel: string;
  request_type: string;
  status: string;
  origin: string;
  created_at: TimestampColumn;
  sent_at: TimestampColumn | null;
  expires_at: TimestampColumn;
  payload: JsonColumn;
}

/** `apple_command_results`: finished Apple commands (history). */
export interface AppleCommandResultsTable {
  tenant_id: string;
  command_uuid: string;
  device_id: string;
  channel: string;
  request_type: string;
  origin: string;
  status: string;
  created_at: TimestampColumn;
  completed_at: TimestampColumn;
  result: NullableJsonColumn;
  error_chain: NullableJsonColumn;
}

/** `apple_actions`: admin actions on Apple devices whose commands are pending. */
export interface AppleActionsTable {
  tenant_id: string;
  id: string;
  device_id: string;
  type: string;
  command_uuids: JsonColumn;
  requested_by: string;
  created_at: TimestampColumn;
  expires_at: TimestampColumn;
}

/** `idp_relying_parties`: OpenID provider clients; `id` is the client_id; the secret sealed by the store. */
export interface IdpRelyingPartiesTable {
  id: string;
  tenant_id: string;
  name: string;
  redirect_uris: JsonColumn;
  post_logout_redirect_uris: JsonColumn;
  grant_types: JsonColumn;
  token_endpoint_auth_method: string;
  jwks: NullableJsonColumn;
  client_secret: string | null;
  secret_issued_at: TimestampColumn | null;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

/** `idp_upstream_providers`: external OpenID providers a tenant's users may sign in with. */
export interface IdpUpstreamProvidersTable {
  id: string;
  tenant_id: string;
  name: string;
  /** Lower-cased name: uniqueness is case-insensitive. */
  name_key: string;
  issuer: string;
  client_id: string;
  /** Sealed by the store under the master key. */
  client_secret: string;
  scopes: JsonColumn;
  enabled: BooleanColumn;
  require_verified_email: BooleanColumn;
  version: number;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

/** `idp_states`: the OpenID provider's state, one row per oidc-provider model instance. */
export interface IdpStatesTable {
  model: string;
  id: string;
  payload: JsonColumn;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  client_id: string | null;
  expires_at: TimestampColumn | null;
  consumed_at: TimestampColumn | null;
}

/** `access_policies`: conditional access policies; conditions, grant and session as JSON. */
export interface AccessPoliciesTable {
  tenant_id: string;
  id: string;
  name: string;
  /** Lower-cased name: uniqueness, sort and search are case-insensitive. */
  name_key: string;
  description: string;
  state: string;
  conditions: JsonColumn;
  grant_controls: JsonColumn;
  session_controls: JsonColumn;
  version: number;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

/** `access_sign_ins`: the sign-in log, one row per attempt, pruned after the retention. */
export interface AccessSignInsTable {
  tenant_id: string;
  id: string;
  at: TimestampColumn;
  user_id: string | null;
  user_name: string;
  relying_party_id: string | null;
  device_id: string | null;
  ip: string | null;
  client_type: string;
  user_agent: string | null;
  outcome: string;
  failure_reason: string | null;
  detail: string | null;
  sign_in_risk: string;
  policies: JsonColumn;
}

/** `apps`: the app catalog; `kind` says what `details` holds and what `identifier` names. */
export interface AppsTable {
  tenant_id: string;
  id: string;
  name: string;
  /** Lower-cased name: the name sort and search. */
  name_key: string;
  description: string;
  publisher: string;
  kind: string;
  identifier: string;
  /** Lower-cased identifier: unique per tenant, the mam context's lookup. */
  identifier_key: string;
  platforms: JsonColumn;
  details: JsonColumn;
  icon_sha256: string | null;
  current_version_id: string | null;
  version: number;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

/** `app_icons`: each app's icon, base64 PNG, apart from the app row. */
export interface AppIconsTable {
  tenant_id: string;
  app_id: string;
  sha256: string;
  png_base64: string;
}

/** `app_versions`: uploaded packages of line-of-business apps (metadata; the file is in the blob store by `sha256`). */
export interface AppVersionsTable {
  tenant_id: string;
  id: string;
  app_id: string;
  version: string;
  format: string;
  identifier: string;
  name: string;
  minimum_os_version: string | null;
  architecture: string | null;
  sha256: string;
  size_bytes: number;
  file_name: string;
  created_at: TimestampColumn;
  superseded_at: TimestampColumn | null;
}

/** `device_app_states`: desired and reported apps per device and app. */
export interface DeviceAppStatesTable {
  tenant_id: string;
  device_id: string;
  app_id: string;
  status: string;
  intent: string | null;
  action: string;
  desired_hash: string | null;
  item: NullableJsonColumn;
  reason: string | null;
  desired_at: TimestampColumn;
  reported_hash: string | null;
  reported_status: string | null;
  installed_version: string | null;
  error: string | null;
  reported_at: TimestampColumn | null;
  installed: NullableJsonColumn;
}

/** `mam_protection_policies` and `mam_configuration_policies`: MAM policies; settings and targets as JSON. */
export interface MamPoliciesTable {
  tenant_id: string;
  id: string;
  name: string;
  /** Lower-cased name: uniqueness, sort and search are case-insensitive. */
  name_key: string;
  description: string;
  settings: JsonColumn;
  targets: JsonColumn;
  /** Lower-cased target app identifiers, for the list's app filter. */
  app_keys: JsonColumn;
  hash: string;
  version: number;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

/** `mam_registrations`: SDK app registrations; the key share sealed by the store. */
export interface MamRegistrationsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  app_identifier: string;
  /** Lower-cased identifier: apps compare case-insensitively. */
  app_key: string;
  app_version: string;
  sdk_version: string;
  platform: string;
  device_tag: string;
  device_name: string | null;
  os_name: string | null;
  os_version: string | null;
  client_id: string | null;
  device_id: string | null;
  public_key: JsonColumn;
  key_share: string;
  state: string;
  sequence: number;
  reported: JsonColumn;
  last_check_in_at: TimestampColumn | null;
  last_used_at: TimestampColumn | null;
  wipe: NullableJsonColumn;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

/** `mam_app_usage`: one row per (app, UTC day, user) with the user's launches that day. */
export interface MamAppUsageTable {
  tenant_id: string;
  app_key: string;
  day: string;
  user_id: string;
  app_identifier: string;
  launches: number;
  last_used_at: TimestampColumn | null;
}

/** Ward's tables, as Kysely sees them. */
export interface Schema {
  access_policies: AccessPoliciesTable;
  access_sign_ins: AccessSignInsTable;
  idp_relying_parties: IdpRelyingPartiesTable;
  idp_states: IdpStatesTable;
  idp_upstream_providers: IdpUpstreamProvidersTable;
  apple_scep_challenges: AppleScepChallengesTable;
  apple_identities: AppleIdentitiesTable;
  apple_devices: AppleDevicesTable;
  apple_user_channels: AppleUserChannelsTable;
  apple_commands: AppleCommandsTable;
  apple_command_results: AppleCommandResultsTable;
  apple_actions: AppleActionsTable;
  push_certificates: PushCertificatesTable;
  tenants: TenantsTable;
  users: UsersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  role_assignments: RoleAssignmentsTable;
  credentials: CredentialsTable;
  access_tokens: AccessTokensTable;
  devices: DevicesTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  device_software: DeviceSoftwareTable;
  device_hardware_ids: DeviceHardwareIdsTable;
  enrollment_tokens: EnrollmentTokensTable;
  enrollment_restrictions: EnrollmentRestrictionsTable;
  device_identities: DeviceIdentitiesTable;
  device_commands: DeviceCommandsTable;
  command_history: CommandHistoryTable;
  server_secrets: ServerSecretsTable;
  profiles: ProfilesTable;
  assignment_filters: AssignmentFiltersTable;
  assignments: AssignmentsTable;
  device_profile_states: DeviceProfileStatesTable;
  compliance_policies: CompliancePoliciesTable;
  device_compliance: DeviceComplianceTable;
  device_compliance_rules: DeviceComplianceRulesTable;
  compliance_history: ComplianceHistoryTable;
  compliance_actions: ComplianceActionsTable;
  compliance_snapshots: ComplianceSnapshotsTable;
  apps: AppsTable;
  app_icons: AppIconsTable;
  app_versions: AppVersionsTable;
  device_app_states: DeviceAppStatesTable;
  mam_protection_policies: MamPoliciesTable;
  mam_configuration_policies: MamPoliciesTable;
  mam_registrations: MamRegistrationsTable;
  mam_app_usage: MamAppUsageTable;
}

