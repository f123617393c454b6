import type { TenantId } from './brand.js';

/** An organisation whose data is kept apart from every other's. Every row carries its id. */
export interface Tenant {
  readonly id: TenantId;
  readonly slug: string;
  readonly name: string;
  readonly createdAt: Date;
}

/** The slug of the tenant created at first start. */
export const defaultTenantSlug = 'default';
