import type { operations } from './schema.gen';

/** The JSON answer of an operation for a status. */
export type Answer<O extends keyof operations, S extends number = 200> = operations[O]['responses'] extends Record<S, { content: { 'application/json': infer T } }> ? T : never;

/** The JSON body an operation takes. */
export type Body<O extends keyof operations> = operations[O] extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

/** The query parameters an operation takes. */
export type Query<O extends keyof operations> = operations[O]['parameters'] extends { query?: infer Q } ? NonNullable<Q> : never;

export type Me = Answer<'getMe'>;
export type Grant = Me['grants'][number];
export type Role = Grant['role'];
export type DevicePage = Answer<'listDevices'>;
export type DeviceSummary = DevicePage['items'][number];
export type Device = Answer<'getDevice'>;
export type Platform = DeviceSummary['platform'];
export type ComplianceState = DeviceSummary['complianceState'];
export type DeviceQuery = Query<'listDevices'>;
export type DeviceSort = NonNullable<DeviceQuery['sort']>;
export type DeviceAction = Answer<'listDeviceActions'>['items'][number];
export type ActionType = Body<'requestDeviceAction'>['type'];
export type ActionOutcome = Answer<'requestDeviceActions', 202>['items'][number];
export type Software = Answer<'listDeviceSoftware'>['items'][number];
export type User = Answer<'getUser'>;
export type Group = Answer<'getGroup'>;
export type GroupMember = Answer<'listGroupMembers'>['items'][number];
export type RulePreview = Answer<'previewGroupRule'>;
export type EnrollmentToken = Answer<'listEnrollmentTokens'>['items'][number];
export type CreatedEnrollmentToken = Answer<'createEnrollmentToken', 201>;
export type EnrollmentRestrictions = Answer<'getEnrollmentRestrictions'>;
export type Admin = Answer<'listAdmins'>['items'][number];
export type ApiToken = Answer<'listApiTokens'>['items'][number];
export type AuditEvent = Answer<'listAuditEvents'>['items'][number];
export type DeviceOverview = Answer<'getDeviceOverview'>;
export type ExportDevicesQuery = Query<'exportDevices'>;
export type SettingDefinition = Answer<'listSettings'>['items'][number];
export type Profile = Answer<'getProfile'>;
export type ProfileKind = Profile['kind'];
export type ProfileQuery = Query<'listProfiles'>;
export type ProfileStatusReport = Answer<'getProfileStatus'>;
export type ProfileStatus = ProfileStatusReport['items'][number]['status'];
export type SettingStatusRow = Answer<'getProfileSettingStatus'>['items'][number];
export type AssignmentFilter = Answer<'getAssignmentFilter'>;
export type Assignment = Answer<'listAssignments'>['items'][number];
export type AssignableKind = Assignment['itemKind'];
export type CreateAssignment = Body<'createProfileAssignment'>;
export type CompliancePolicy = Answer<'getCompliancePolicy'>;
export type ComplianceRule = CompliancePolicy['rules'][number];
export type ComplianceRuleKind = ComplianceRule['kind'];
export type ComplianceAction = CompliancePolicy['actions'][number];
export type ComplianceActionKind = ComplianceAction['kind'];
export type DeviceConfiguration = Answer<'getDeviceConfiguration'>['items'][number];
export type DeviceComplianceExplanation = Answer<'explainDeviceCompliance'>;
export type ComplianceOverview = Answer<'getComplianceOverview'>;
export type ComplianceHistory = Answer<'getComplianceHistory'>;
export type DeviceInGrace = Answer<'listDevicesInGrace'>['items'][number];
