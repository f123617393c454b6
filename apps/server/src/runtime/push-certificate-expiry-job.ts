import type { Logger } from 'pino';
import { summarizePushCertificate, type Clock, type PushCertificateStore, type TenantId, type TenantStore } from '@ward/core';
import type { JobRunner } from '@ward/store';
import { instrumentJob } from '../metrics/instrument-job.js';
import type { WardMetrics } from '../metrics/create-metrics.js';

/** The daily check of the tenants' Apple push certificates. */
export const pushCertificateExpiryJobKind = 'apple.pushCertificate.checkExpiry';

/** Once a day: the warning starts 30 days out, so a day's delay still leaves weeks to renew. */
export const pushCertificateExpiryEveryMs = 86_400_000;

/** A tenant whose push certificate needs renewing. */
export interface PushCertificateExpiryNotice {
  readonly tenantId: TenantId;
  readonly tenantSlug: string;
  readonly topic: string;
  readonly notAfter: Date;
  readonly daysLeft: number;
  readonly expired: boolean;
}

/** What the check reads. */
export interface PushCertificateExpiryDeps {
  readonly clock: Clock;
  readonly stores: Pick<TenantStore, 'listTenants'> & Pick<PushCertificateStore, 'getPushCertificates'>;
}

/**
 * Logs one line per tenant whose active Apple push certificate expires within
 * 30 days (core's `pushCertificateWarningDays`; a warning) or has expired (an error: Apple refuses it,
 * so its devices can no longer be woken), and returns those tenants. Issue 5 §1: Ward warns 30
 * days ahead; the status in the API and the console says the same.
 */
export async function warnOfExpiringPushCertificates(deps: PushCertificateExpiryDeps, logger: Logger): Promise<readonly PushCertificateExpiryNotice[]> {
  const now = deps.clock.now();
  const notices: PushCertificateExpiryNotice[] = [];
  for (const tenant of await deps.stores.listTenants()) {
    const { active } = await deps.stores.getPushCertificates(tenant.id);
    if (active === null) continue;
    const summary = summarizePushCertificate(active, now);
    if (!summary.expiresSoon && !summary.expired) continue;
    const notice = { tenantId: tenant.id, tenantSlug: tenant.slug, topic: summary.topic, notAfter: summary.notAfter, daysLeft: summary.daysLeft, expired: summary.expired };
    notices.push(notice);
    const fields = { tenant: tenant.slug, topic: summary.topic, notAfter: summary.notAfter.toISOString(), daysLeft: summary.daysLeft };
    if (summary.expired) {
      logger.error(fields, `the Apple push certificate of tenant ${tenant.slug} expired on ${fields.notAfter}: Apple devices can no longer be woken; renew it with the same Apple ID (ward apple push-cert request)`);
    } else {
      logger.warn(fields, `the Apple push certificate of tenant ${tenant.slug} expires in ${summary.daysLeft} days (${fields.notAfter}); renew it with the same Apple ID (ward apple push-cert request)`);
    }
  }
  return notices;
}

/** Registers the daily check's handler; {@link pushCertificateExpiryJobKind} is scheduled by `scheduleJobs`. */
export function registerPushCertificateExpiryJob(runner: JobRunner, deps: PushCertificateExpiryDeps, services: { readonly metrics: WardMetrics; readonly logger: Logger }): void {
  runner.register(
    pushCertificateExpiryJobKind,
    instrumentJob(services.metrics, pushCertificateExpiryJobKind, async () => {
      await warnOfExpiringPushCertificates(deps, services.logger);
    }),
    // A missed day is made up by the next one; retries would only repeat the warning.
    { maxAttempts: 1 },
  );
}
