/** A nominal type: a `string` that has been validated as a particular kind of identifier. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type TenantId = Brand<string, 'TenantId'>;
export type UserId = Brand<string, 'UserId'>;
export type GroupId = Brand<string, 'GroupId'>;
export type DeviceId = Brand<string, 'DeviceId'>;
export type ApiTokenId = Brand<string, 'ApiTokenId'>;
export type RoleAssignmentId = Brand<string, 'RoleAssignmentId'>;
export type AuditEventId = Brand<string, 'AuditEventId'>;
export type JobId = Brand<string, 'JobId'>;
