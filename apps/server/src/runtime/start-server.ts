import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { buildApi, type ReadinessReport, type WardApi } from '@ward/http';
import { JobRunner } from '@ward/store';
import type { WardConfig } from '../config/config-schema.js';
import { apiMetricsOf } from '../metrics/api-metrics.js';
import { createMetrics, type WardMetrics } from '../metrics/create-metrics.js';
import { wardVersion } from '../version.js';
import { loadOrCreateCertificateAuthority } from './certificate-authority-file.js';
import { displayUrl } from './display-url.js';
import { ensureFirstAdmin, firstAdminEmail, type FirstAdmin } from './ensure-first-admin.js';
import { openWard, type WardRuntime } from './open-ward.js';
import { registerJobs } from './register-jobs.js';
import { bootstrapNames, bootstrapTls, readConfiguredTls, type ServerTls } from './server-tls.js';

/** A started server. */
export interface RunningServer {
  /** The URL it is reachable at on this host, with the port actually bound. */
  readonly url: string;
  readonly tls: ServerTls;
  /** The root CA certificate file clients trust (for the bootstrap certificate). */
  readonly caCertificatePath: string;
  /** Set only at the first start: the admin created and their one-time password. */
  readonly firstAdmin: FirstAdmin | undefined;
  readonly runtime: WardRuntime;
  readonly api: WardApi;
  readonly metrics: WardMetrics;
  /**
   * Stops gracefully: stops accepting connections and waits for requests in flight, stops claiming
   * jobs and waits for running ones, then closes the database. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * The composition root of `ward serve`: configuration in, a listening HTTPS server out. Opens and
 * migrates the database, ensures the default tenant, unlocks (or creates) the CA, gets a TLS
 * certificate, creates the first admin on a fresh install, and starts the API, the event bus
 * listener and the job runner. Installs no signal handlers: the caller decides when to close.
 */
export async function startServer(config: WardConfig, logger: Logger): Promise<RunningServer> {
  const runtime = await openWard(config, { logger });
  const { deps, tenant, storeSet, dataDir } = runtime;
  let runner: JobRunner | undefined;
  let api: WardApi | undefined;
  try {
    const now = deps.clock.now();
    const authority = await loadOrCreateCertificateAuthority(dataDir, runtime.masterKey.key, now);
    if (authority.created) logger.info({ path: authority.rootCertificatePath }, 'created Ward\'s certificate authority');
    const tls =
      config.tlsCertFile !== undefined && config.tlsKeyFile !== undefined
        ? readConfiguredTls(config.tlsCertFile, config.tlsKeyFile)
        : await bootstrapTls(dataDir, authority.ca, bootstrapNames(config.tlsHostnames, config.publicUrl), now);

    const firstAdmin = await ensureFirstAdmin(deps, tenant, firstAdminEmail(config.adminEmail, config.tlsHostnames));

    const metrics = createMetrics();
    storeSet.events.subscribe('*', (event) => { metrics.eventsReceived.inc({ type: event.type }); });
    // Before the URL is printed, events from other processes must already arrive (PostgreSQL LISTEN).
    await storeSet.events.ready();

    runner = new JobRunner(runtime.database, {
      ids: deps.ids,
      clock: deps.clock,
      concurrency: config.jobConcurrency,
      onError: (error, job) => { logger.error({ err: error, jobId: job?.id, kind: job?.kind }, 'job failed'); },
    });
    registerJobs(runner, deps, metrics, logger);
    runner.start();

    const ready = async (): Promise<ReadinessReport> => {
      try {
        await deps.stores.getTenant(tenant.id);
        return { ok: true, checks: { database: 'ok' } };
      } catch (error) {
        logger.warn({ err: error }, 'readiness: database unreachable');
        return { ok: false, checks: { database: 'unreachable' } };
      }
    };
    api = buildApi({
      deps,
      loggerInstance: logger,
      ready,
      metrics: config.metricsEnabled ? apiMetricsOf(metrics) : false,
      bodyLimit: config.bodyLimitBytes,
      importBodyLimit: config.importLimitBytes,
      trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
      signInRateLimit: { perIp: { max: config.signinRateLimit, windowMs: 60_000 } },
      https: { key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2' },
      version: wardVersion,
    });
    await api.listen({ port: config.port, host: config.host });
    const address = api.server.address() as AddressInfo;
    const url = displayUrl(config.host, address.port);
    logger.info({ url, database: runtime.target.description, tlsFingerprint: tls.fingerprint, tlsSource: tls.source }, 'Ward is listening');

    const started = { api, runner };
    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        await started.api.close();
        await started.runner.stop();
        await runtime.close();
      })();
      return closing;
    };
    return { url, tls, caCertificatePath: authority.rootCertificatePath, firstAdmin, runtime, api, metrics, close };
  } catch (error) {
    await api?.close();
    await runner?.stop();
    await runtime.close();
    throw error;
  }
}
