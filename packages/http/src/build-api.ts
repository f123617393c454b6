import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { agentApiPrefix, protocolLimits } from '@ward/agent-protocol';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyHttpOptions, type FastifyInstance, type FastifyServerFactory } from 'fastify';
import { AgentPushHub } from './agent-push-hub.js';
import { apiDefaults, type AgentOptions, type ApiOptions } from './api-options.js';
import { apiPrefix } from './api-prefix.js';
import { authenticateHook } from './authenticate.js';
import { authenticateDeviceHook } from './authenticate-device-request.js';
import { registerConsoleAssets } from './console-assets.js';
import type { DeviceCertificateSettings } from './device-certificate.js';
import { enrollCommandSettings, type EnrollCommandSettings } from './enroll-command.js';
import { registerErrorHandling } from './error-handler.js';
import { acceptEmptyJsonBodies } from './json-body.js';
import { registerOpenApi } from './openapi.js';
import { requestIdHeader, requestIdOf } from './request-id.js';
import { createSerializerCompiler } from './schema-serializers.js';
import { createValidatorCompiler } from './schema-validators.js';
import { trustedPeer } from './trusted-peer.js';
import { formatValidationError } from './validation-error.js';
import { adminsRoutes } from './routes/admins.js';
import { agentRoutes } from './routes/agent.js';
import { appPackageDownloadRoutes } from './routes/app-package-downloads.js';
import { appleCommandsRoutes } from './routes/apple-commands.js';
import { appConfigurationPoliciesRoutes } from './routes/app-configuration-policies.js';
import { appProtectionPoliciesRoutes } from './routes/app-protection-policies.js';
import { appRegistrationsRoutes } from './routes/app-registrations.js';
import { appsRoutes } from './routes/apps.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { complianceHistoryRoutes } from './routes/compliance-history.js';
import { conditionalAccessRoutes } from './routes/conditional-access.js';
import { deviceActionsRoutes } from './routes/device-actions.js';
import { deviceReportsRoutes } from './routes/device-reports.js';
import { devicesRoutes } from './routes/devices.js';
import { enrollmentRoutes } from './routes/enrollment.js';
import { groupsRoutes } from './routes/groups.js';
import { meRoutes } from './routes/me.js';
import { meCredentialsRoutes } from './routes/me-credentials.js';
import { metaRoutes } from './routes/meta.js';
import { operationsRoutes } from './routes/operations.js';
import { pkiRoutes } from './routes/pki.js';
import { policyRoutes } from './routes/policy.js';
import { relyingPartiesRoutes } from './routes/relying-parties.js';
import { upstreamIdentityProvidersRoutes } from './routes/upstream-identity-providers.js';
import { pushCertificateRoutes } from './routes/push-certificate.js';
import { tenantRoutes } from './routes/tenant.js';
import { tokensRoutes } from './routes/tokens.js';
import { usersRoutes } from './routes/users.js';

/** The Fastify instance {@link buildApi} returns. */
export type WardApi = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/**
 * Fastify's `trustProxy` from ours. A hop count becomes the function proxy-addr would build from
 * it, because Fastify's types (unlike its runtime) do not take a number.
 */
function trustProxySetting(value: boolean | string | readonly string[] | number): FastifyHttpOptions<Server>['trustProxy'] {
  if (typeof value === 'number') return (_address: string, hop: number) => hop < value;
  return typeof value === 'object' ? [...value] : value;
}

// The push hub of each API, so the server can count connected agents without a Fastify decoration.
const hubs = new WeakMap<WardApi, AgentPushHub>();

/** How many agents hold a push socket to this process (0 without agent endpoints), for metrics. */
export function connectedAgents(app: WardApi): number {
  return hubs.get(app)?.size ?? 0;
}

/** The enroll command settings: both options or neither, checked now rather than when a token is made. */
function commandSettings(options: ApiOptions): EnrollCommandSettings | undefined {
  const { publicUrl, caFingerprint } = options;
  if (publicUrl === undefined && caFingerprint === undefined) return undefined;
  if (publicUrl === undefined || caFingerprint === undefined) throw new Error('buildApi: publicUrl and caFingerprint go together (the enroll command needs both)');
  return enrollCommandSettings(publicUrl, caFingerprint);
}

/** How devices may present certificates, from the agent and proxy options, which are checked here. */
function certificateSettings(agent: AgentOptions, trustProxy: ApiOptions['trustProxy']): DeviceCertificateSettings {
  if (!Number.isInteger(agent.checkInIntervalSeconds) || agent.checkInIntervalSeconds < 1) throw new Error('buildApi: agent.checkInIntervalSeconds must be a whole number of seconds, at least 1');
  const ping = agent.pushPingIntervalMs;
  if (ping !== undefined && (!Number.isInteger(ping) || ping < 1000)) throw new Error('buildApi: agent.pushPingIntervalMs must be at least 1000');
  if (agent.trustedProxyClientCertHeader !== true) return {};
  const verify = agent.verifyClientCertificate;
  if (verify === undefined) throw new Error('buildApi: agent.trustedProxyClientCertHeader needs agent.verifyClientCertificate');
  return { proxyHeader: { trusted: trustedPeer(trustProxy ?? apiDefaults.trustProxy), verify } };
}

/**
 * Builds the admin REST API: `/api/v1/*`, the OpenAPI document, and the operations probes; with
 * `agent`, the agent protocol (`/agent/v1/*`, push included) and remote actions; with `crl`, the
 * device CA's CRL at `/pki/crl`. The
 * instance is configured but not listening; the caller listens (with TLS when `https` is given) or
 * drives it with `inject` in tests. Handlers decode, call one core use case and encode; every
 * failure leaves through one error handler in one shape.
 */
export function buildApi(options: ApiOptions): WardApi {
  const { deps, agent } = options;
  const command = commandSettings(options);
  const certificates = agent === undefined ? undefined : certificateSettings(agent, options.trustProxy);
  const tls = options.https;
  // A factory rather than Fastify's `https` option keeps one server type for both cases.
  const serverFactory: FastifyServerFactory = (handler) => {
    const server = tls === undefined ? createHttpServer(handler) : createHttpsServer(tls, handler);
    // Stated rather than left to Node's default: Fastify applies its own only to servers it creates.
    server.keepAliveTimeout = apiDefaults.keepAliveTimeoutMs;
    // Node ends a request whose body takes over 5 minutes; a package upload of gigabytes may need
    // longer. Headers still time out, and uploads carry an idle timeout (app-package-uploads.ts).
    if (options.appPackages !== undefined) server.requestTimeout = 0;
    return server;
  };
  const loggerOptions = options.loggerInstance === undefined ? { logger: options.logger ?? false } : { loggerInstance: options.loggerInstance };

  const fastifyOptions: FastifyHttpOptions<Server> = {
    ...loggerOptions,
    serverFactory,
    bodyLimit: options.bodyLimit ?? apiDefaults.bodyLimit,
    trustProxy: trustProxySetting(options.trustProxy ?? apiDefaults.trustProxy),
    // The request id is ours to vet (see request-id.ts), not copied blindly from a header.
    requestIdHeader: false,
    genReqId: requestIdOf,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    schemaErrorFormatter: formatValidationError,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
  };
  const app = Fastify(fastifyOptions).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(createValidatorCompiler());
  app.setSerializerCompiler(createSerializerCompiler());
  // Only JSON (and CSV on the import routes) is accepted; without this, text/plain would reach
  // handlers as a string and fail as a validation error instead of a 415.
  app.removeContentTypeParser('text/plain');
  acceptEmptyJsonBodies(app);

  app.addHook('onRequest', async (request, reply) => {
    reply.header(requestIdHeader, request.id);
    reply.header('x-content-type-options', 'nosniff');
    // Answers carry directory data and secrets shown once; no cache between client and server may
    // keep them. Routes that could be cached would say so themselves.
    reply.header('cache-control', 'no-store');
  });
  const metrics = options.metrics === false ? undefined : options.metrics;
  const observe = metrics?.observeRequest?.bind(metrics);
  if (observe !== undefined) {
    app.addHook('onResponse', async (request, reply) => {
      observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', statusCode: reply.statusCode, durationSeconds: reply.elapsedTime / 1000 });
    });
  }
  registerErrorHandling(app);
  registerOpenApi(app, { title: 'Ward admin API', version: options.version ?? apiDefaults.version });
  // Not global: only sign-in is limited here (see routes/auth.ts); the rest of the API is behind
  // authentication, and a shared limiter would let one noisy token starve the others.
  void app.register(rateLimit, { global: false });

  void app.register(operationsRoutes, { ready: options.ready, metrics });
  if (options.crl !== undefined) void app.register(pkiRoutes, { crl: options.crl });
  if (agent !== undefined && certificates !== undefined) {
    const hub = new AgentPushHub(agent.pushPingIntervalMs ?? apiDefaults.pushPingIntervalMs);
    hubs.set(app, hub);
    const unsubscribe = options.events?.subscribe('device.wake', (event) => {
      hub.wake(event.subject);
    });
    app.addHook('onClose', (_instance, done) => {
      unsubscribe?.();
      done();
    });
    void app.register(websocket, {
      // Agents send check-ins (up to the HTTPS body limit) and pongs; no compression (zlib state per
      // socket would dwarf the rest of an idle connection) and no client set in ws (the hub is the
      // one registry of sockets). A larger frame closes its socket with 1009 before it is buffered whole.
      options: { maxPayload: protocolLimits.pushMessageBytes, perMessageDeflate: false, clientTracking: false },
      preClose: (done) => {
        hub.close();
        done();
      },
    });
    void app.register(agentRoutes, { prefix: agentApiPrefix, deps, agent, hub, observe, authenticateDevice: authenticateDeviceHook(deps, certificates) });
    if (options.appPackages !== undefined) void app.register(appPackageDownloadRoutes, { prefix: agentApiPrefix, deps, blobs: options.appPackages.blobs, authenticateDevice: authenticateDeviceHook(deps, certificates) });
  }
  void app.register(
    async (api) => {
      api.addHook('onRequest', authenticateHook(deps));
      await api.register(metaRoutes);
      await api.register(authRoutes, { deps, signInRateLimit: { ...apiDefaults.signInRateLimit, ...options.signInRateLimit } });
      await api.register(usersRoutes, { deps, importBodyLimit: options.importBodyLimit ?? apiDefaults.importBodyLimit });
      await api.register(groupsRoutes, { deps, importBodyLimit: options.importBodyLimit ?? apiDefaults.importBodyLimit });
      await api.register(devicesRoutes, { deps });
      await api.register(deviceReportsRoutes, { deps });
      await api.register(deviceActionsRoutes, { deps, signer: agent?.signer });
      await api.register(enrollmentRoutes, { deps, command });
      await api.register(meRoutes, { deps, signer: agent?.signer, command, appleEnrollment: options.apple !== undefined });
      await api.register(meCredentialsRoutes, { deps, passkeys: options.passkeys });
      await api.register(adminsRoutes, { deps });
      await api.register(tokensRoutes, { deps });
      await api.register(auditRoutes, { deps });
      await api.register(tenantRoutes, { deps });
      await api.register(policyRoutes, { deps });
      await api.register(complianceHistoryRoutes, { deps });
      await api.register(relyingPartiesRoutes, { deps });
      await api.register(upstreamIdentityProvidersRoutes, { deps });
      await api.register(conditionalAccessRoutes, { deps });
      await api.register(appsRoutes, { deps, appPackages: options.appPackages });
      await api.register(appProtectionPoliciesRoutes, { deps });
      await api.register(appConfigurationPoliciesRoutes, { deps });
      await api.register(appRegistrationsRoutes, { deps });
      if (options.apple !== undefined) await api.register(pushCertificateRoutes, { deps, pushCrypto: options.apple.pushCrypto });
      if (options.apple !== undefined) await api.register(appleCommandsRoutes, { deps, validateCommandPayload: options.apple.validateCommandPayload });
    },
    { prefix: apiPrefix },
  );
  if (options.consoleDirectory !== undefined) {
    const directory = options.consoleDirectory;
    void app.register((scope, _options, done) => { registerConsoleAssets(scope, directory); done(); });
  }
  return app;
}
