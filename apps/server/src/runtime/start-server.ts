import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { revokedAppleCertificates, revokedCertificates } from '@ward/core';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildApi, connectedAgents, NoisePushTickets, trustedPeer, type AgentOptions, type ReadinessReport, type WardApi } from '@ward/http';
import { createPushCertificateCrypto } from '@ward/apple';
import { createServerSecretStore, JobRunner } from '@ward/store';
import { createCaProfileCredentials } from '../adapters/ca-profile-credentials.js';
import { createComplianceNotifier } from '../adapters/compliance-notifier.js';
import { createEcdsaCommandSigner } from '../adapters/ecdsa-command-signer.js';
import { createPkiCertificateIssuer } from '../adapters/pki-certificate-issuer.js';
import { appleIdentifierPrefix } from '../apple/apple-identifier-prefix.js';
import { registerAppleEndpoints } from '../apple/register-apple-endpoints.js';
import { loadOrCreateIdpSigningKeys } from '../identity/idp-signing-keys-secret.js';
import { registerIdentityProvider } from '../identity/register-identity-provider.js';
import { createPasskeyVerifier } from '@ward/idp';
import { validateAppleCommandPayload } from '../apple/validate-apple-command-payload.js';
import type { WardConfig } from '../config/config-schema.js';
import { smtpSettings } from '../config/smtp-settings.js';
import { registerAgentGauge } from '../metrics/agent-gauge.js';
import { apiMetricsOf } from '../metrics/api-metrics.js';
import { createMetrics, type WardMetrics } from '../metrics/create-metrics.js';
import { pkiClientCertificateVerifier } from '../pki/client-certificate-verifier.js';
import { createCrlCache, type CrlCache } from '../pki/crl-cache.js';
import { wardVersion } from '../version.js';
import { agentUrlOf } from './agent-url.js';
import { openAppPackageFiles } from './app-package-files.js';
import { appPackageSweepEveryMs, appPackageSweepJobKind, registerAppPackageSweepJob } from './app-package-sweep-job.js';
import { scheduleComplianceSnapshots } from './compliance-snapshot-job.js';
import { ConfigurationProblem } from './configuration-problem.js';
import { displayUrl } from './display-url.js';
import { ensureFirstAdmin, firstAdminEmail, type FirstAdmin } from './ensure-first-admin.js';
import { loadServerKeys, type ServerKeys } from './load-server-keys.js';
import { loadOrCreateNoisePushKey } from './noise-push-key.js';
import { createNoisePushServer, listenNoisePush, noisePushPort, type NoisePushListener } from './noise-push-listener.js';
import { openWard, type WardRuntime } from './open-ward.js';
import { warnOfExpiringPushCertificates } from './push-certificate-expiry-job.js';
import { registerJobs, scheduleJobs } from './register-jobs.js';
import { reservePort } from './reserve-port.js';
import { bootstrapNames, bootstrapTls, readConfiguredTls, type ServerTls } from './server-tls.js';

/**
 * The built console and portal (`npm run build` makes it), beside this app in the repository:
 * `apps/console/dist` from `apps/server/{src,dist}/runtime/`.
 */
function consoleDirectory(): string {
  return fileURLToPath(new URL('../../../console/dist', import.meta.url));
}

/** A started server. */
export interface RunningServer {
  /** The URL it is reachable at on this host, with the port actually bound. */
  readonly url: string;
  /** The URL agents are told to use: `WARD_PUBLIC_URL`, else {@link url}. */
  readonly agentUrl: string;
  /** Where agents open the Noise push channel; absent when it is off. */
  readonly noisePushUrl?: string;
  readonly tls: ServerTls;
  /** The root CA certificate file clients trust (for the bootstrap certificate). */
  readonly caCertificatePath: string;
  /** The CA, the root fingerprint agents pin, and the command-signing key. */
  readonly keys: ServerKeys;
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
 * migrates the database, ensures the default tenant, unlocks (or creates) the CA and the
 * command-signing key, gets a TLS certificate, creates the first admin on a fresh install, and
 * starts the API (admin, agent protocol with push, CRL), the event bus listener and the job
 * runner with the policy engine's jobs (desired state, compliance evaluation and the compliance
 * sweep that sends notifications). Installs no signal handlers: the caller decides when to close.
 *
 * @throws ConfigurationProblem when the SMTP options name a CA file that cannot be used, before
 * anything is opened.
 */
export async function startServer(config: WardConfig, logger: Logger): Promise<RunningServer> {
  // Checked before the database opens: a relay that cannot be reached is found by the first
  // notification hours later, but a wrong file is known now.
  const smtp = smtpSettings(config);
  if (!smtp.ok) throw new ConfigurationProblem([smtp.error]);
  const runtime = await openWard(config, { logger });
  const { deps, tenant, storeSet, dataDir } = runtime;
  let runner: JobRunner | undefined;
  let api: WardApi | undefined;
  let crl: CrlCache | undefined;
  let noisePush: NoisePushListener | undefined;
  try {
    const now = deps.clock.now();
    const keys = await loadServerKeys(runtime, logger);
    const { authority, commandSigning } = keys;
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
    const signer = createEcdsaCommandSigner(commandSigning.privateKey);
    const credentials = createCaProfileCredentials(authority.ca, {
      clock: deps.clock,
      onRefused: ({ tenantId, request, code, message }) => {
        logger.warn({ tenantId, deviceId: request.deviceId, profileId: request.profileId, code }, `profile certificate not issued: ${message}`);
      },
    });
    const notifier = createComplianceNotifier({ smtp: smtp.settings, webhook: { allowHttpLoopback: config.webhookAllowHttpLoopback } });
    if (smtp.settings === undefined) logger.info('no SMTP relay configured (WARD_SMTP_HOST): compliance e-mail actions are recorded as failed');
    else logger.info({ smtpHost: smtp.settings.host, smtpPort: smtp.settings.port, smtpTls: smtp.settings.tls }, 'compliance e-mail goes through the configured SMTP relay');
    registerJobs(runner, deps, { metrics, logger, publishNow: (event) => { storeSet.events.publishNow(event); }, signer, notifier, credentials });
    await scheduleJobs(runner, { complianceEveryMs: config.complianceIntervalSeconds * 1000 });
    await scheduleComplianceSnapshots(runner, deps.stores);
    const appPackages = openAppPackageFiles(config, dataDir);
    registerAppPackageSweepJob(runner, { clock: deps.clock, stores: deps.stores, appPackages }, { metrics, logger });
    await runner.schedule(appPackageSweepJobKind, appPackageSweepEveryMs);
    await warnOfExpiringPushCertificates(deps, logger);
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

    // The enrollment command lines name the port, so with `--port 0` it is chosen before the API is built.
    const port = config.port === 0 && config.publicUrl === undefined ? await reservePort(config.host) : config.port;
    const agentUrl = agentUrlOf(config.publicUrl, config.host, port);
    if (agentUrl === undefined) logger.warn({ publicUrl: config.publicUrl }, 'WARD_PUBLIC_URL is not https: agents cannot use it, so no enrollment command lines are shown');

    const ca = authority.ca;
    crl = createCrlCache({ ca, revoked: async () => [...(await revokedCertificates(deps)), ...(await revokedAppleCertificates(deps))], clock: deps.clock, events: storeSet.events });
    // One verifier for the agent, Apple MDM and sign-in, so they share pki's cache of verified certificates.
    const verifyClientCertificate = pkiClientCertificateVerifier(ca, deps.clock);
    // The Noise push channel needs the public URL's host to tell agents where it is.
    // From the configured port: with `--port 0` the HTTPS port was reserved above, and the one after it may be taken.
    const noisePortSetting = noisePushPort(config.agentNoisePushPort, config.port);
    // It listens after the HTTPS listener (see listenNoisePush); until then no offer names it.
    const noiseServer = noisePortSetting !== undefined && agentUrl !== undefined ? createNoisePushServer() : undefined;
    const noisePushKey = noiseServer === undefined ? undefined : await loadOrCreateNoisePushKey(createServerSecretStore(runtime.database, { clock: deps.clock }), deps.secrets);
    const agent: AgentOptions = {
      ...(noiseServer === undefined || noisePushKey === undefined ? {} : { noisePush: { tickets: new NoisePushTickets(noisePushKey), url: () => noisePush?.url, server: noiseServer } }),
      rootCertificatePem: ca.rootCertificatePem,
      commandSigningKeyPem: commandSigning.publicKeyPem,
      checkInIntervalSeconds: config.agentCheckinSeconds,
      issuer: createPkiCertificateIssuer(ca, { validityDays: config.deviceCertDays, clock: deps.clock }),
      signer,
      credentials,
      trustedProxyClientCertHeader: config.trustedProxyClientCertHeader,
      verifyClientCertificate,
    };
    const cache = crl;
    // Passkeys are bound to Ward's public origin (WebAuthn's relying party id is its host).
    const passkeys = agentUrl === undefined ? undefined : createPasskeyVerifier({ relyingParty: { id: new URL(agentUrl).hostname, name: config.appleOrganization }, origins: [new URL(agentUrl).origin] });
    api = buildApi({
      deps,
      loggerInstance: logger,
      ready,
      metrics: config.metricsEnabled ? apiMetricsOf(metrics) : false,
      bodyLimit: config.bodyLimitBytes,
      importBodyLimit: config.importLimitBytes,
      trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
      signInRateLimit: { perIp: { max: config.signinRateLimit, windowMs: 60_000 } },
      // Behind a TLS-terminating proxy (tlsTermination 'proxy') Ward speaks plain HTTP and devices
      // authenticate by the proxy's Client-Cert header; load-config refuses the mode without it.
      https: config.tlsTermination === 'proxy' ? undefined : {
        key: tls.key,
        cert: tls.cert,
        minVersion: 'TLSv1.2',
        // Devices authenticate with the certificate Ward's CA issued them. It is asked for but not
        // required, so admins and browsers connect without one; the agent endpoints refuse a
        // request without a valid one, with a stable error code rather than a failed handshake.
        requestCert: true,
        rejectUnauthorized: false,
        ca: [ca.issuingCertificatePem, ca.rootCertificatePem],
      },
      version: wardVersion,
      agent,
      events: storeSet.events,
      crl: () => cache.crl(),
      ...(agentUrl === undefined ? {} : { publicUrl: agentUrl, caFingerprint: keys.caFingerprint }),
      consoleDirectory: consoleDirectory(),
      apple: { pushCrypto: createPushCertificateCrypto(), validateCommandPayload: validateAppleCommandPayload },
      ...(passkeys === undefined ? {} : { passkeys }),
      appPackages,
    });
    const built = api;
    // Apple MDM needs an https URL devices can reach (Apple refuses others in the profile).
    if (agentUrl !== undefined) {
      await registerAppleEndpoints(api, {
        deps,
        events: storeSet.events,
        publicUrl: agentUrl,
        caCertificatesDer: [ca.rootCertificatePem, ca.issuingCertificatePem].map((pem) => new Uint8Array(new X509Certificate(pem).raw)),
        scepRa: keys.scepRa.credential,
        issuer: createPkiCertificateIssuer(ca, { validityDays: config.deviceCertDays, clock: deps.clock, acceptSha1CsrSignatures: true }),
        verifyClientCertificate,
        ...(config.trustedProxyClientCertHeader && config.trustedProxies.length > 0 ? { trustedProxy: trustedPeer(config.trustedProxies) } : {}),
        organization: config.appleOrganization,
        identifierPrefix: appleIdentifierPrefix(config),
        credentials,
        appPackages,
        apns: { origin: config.apnsOrigin, ...(config.apnsCaFile === undefined ? {} : { ca: readFileSync(config.apnsCaFile, 'utf8') }) },
        log: logger,
      });
    }
    // The identity provider's issuer is the public https URL relying parties reach Ward at.
    if (agentUrl !== undefined && passkeys !== undefined) {
      const idpKeys = await loadOrCreateIdpSigningKeys(createServerSecretStore(runtime.database, { clock: deps.clock }), deps.secrets, deps.clock.now());
      registerIdentityProvider(api, {
        deps,
        events: storeSet.events,
        publicUrl: agentUrl,
        keys: idpKeys,
        verifyClientCertificate,
        ...(config.trustedProxies.length > 0 ? { trustedPeer: trustedPeer(config.trustedProxies) } : {}),
        log: logger,
        passkeys,
      });
    }
    registerAgentGauge(metrics.registry, () => connectedAgents(built));
    await api.listen({ port, host: config.host });
    if (noiseServer !== undefined && noisePortSetting !== undefined && agentUrl !== undefined) {
      noisePush = await listenNoisePush(noiseServer, { port: noisePortSetting, host: config.host, agentUrl, url: config.agentNoisePushUrl });
    }
    const address = api.server.address() as AddressInfo;
    const bound = displayUrl(config.host, address.port);
    const url = config.tlsTermination === 'proxy' ? bound.replace(/^https:/, 'http:') : bound;
    logger.info({ url, database: runtime.target.description, tlsFingerprint: tls.fingerprint, tlsSource: tls.source, caFingerprint: keys.caFingerprint, ...(noisePush === undefined ? {} : { noisePushUrl: noisePush.url }) }, 'Ward is listening');

    const started = { api, runner, crl, noisePush };
    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        await started.api.close();
        await started.noisePush?.close();
        started.crl.close();
        await started.runner.stop();
        await runtime.close();
      })();
      return closing;
    };
    return { url, agentUrl: agentUrl ?? url, ...(noisePush === undefined ? {} : { noisePushUrl: noisePush.url }), tls, caCertificatePath: authority.rootCertificatePath, keys, firstAdmin, runtime, api, metrics, close };
  } catch (error) {
    await api?.close();
    await noisePush?.close();
    crl?.close();
    await runner?.stop();
    await runtime.close();
    throw error;
  }
}
