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
