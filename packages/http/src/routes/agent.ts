import type { ServerResponse } from 'node:http';
import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { CheckInRequest, CheckInResponse, EnrollRequest, EnrollResponse, protocolLimits, RenewRequest, RenewResponse } from '@ward/agent-protocol';
import { enrollDevice, renewDeviceCertificate } from '@ward/core';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { WebSocket } from 'ws';
import type { AgentOptions, RequestSample } from '../api-options.js';
import { unwrap } from '../api-error.js';
import { agentCheckIn, noisePushOffer } from '../agent-check-in.js';
import type { AgentPushHub } from '../agent-push-hub.js';
import { AgentPushMessages } from '../agent-push-messages.js';
import { NoisePushGateway } from '../noise-push/noise-push-gateway.js';
import { agentOrigin, deviceSessionOf, presentedCertificateOf } from '../authenticate-device-request.js';
import { deviceRoute, publicRoute } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';

/** Options of the agent routes. */
export interface AgentRoutesOptions extends RouteDeps {
  readonly agent: AgentOptions;
  /** The device-certificate hook every route but enroll runs. */
  readonly authenticateDevice: onRequestAsyncHookHandler;
  readonly hub: AgentPushHub;
  /** The API's per-request metrics observer, which check-ins over the push socket feed too. */
  readonly observe?: ((sample: RequestSample) => void) | undefined;
}

const tags = ['agent'];

/**
 * `/agent/v1/*`: the agent protocol. Each handler decodes the wire message (schemas shared with the
 * agent in `@ward/agent-protocol`), calls one core use case and encodes the answer; failures leave
 * through the API's one error handler in the API's one error shape.
 */
export const agentRoutes: FastifyPluginCallbackTypebox<AgentRoutesOptions> = (app, { deps, agent, authenticateDevice, hub, observe }, done) => {
  const issuing = { ...deps, issuer: agent.issuer };
  const checkingIn = agent.credentials === undefined ? deps : { ...deps, credentials: agent.credentials };
  // The Noise channel's key is offered only on transports the certificate authenticated.
  const offerNoisePush = agent.noisePush === undefined ? undefined : noisePushOffer(agent.noisePush.tickets, agent.noisePush.url);
  const pushMessages = new AgentPushMessages({ deps: checkingIn, checkInIntervalSeconds: agent.checkInIntervalSeconds, log: app.log, observe, offerNoisePush });
  if (agent.noisePush !== undefined) {
    const messages = new AgentPushMessages({ deps: checkingIn, checkInIntervalSeconds: agent.checkInIntervalSeconds, log: app.log, observe });
    new NoisePushGateway({ tickets: agent.noisePush.tickets, deps: checkingIn, hub, messages, log: app.log }).attach(agent.noisePush.server);
  }

  app.post('/enroll', {
    schema: {
      tags,
      operationId: 'agentEnroll',
      summary: 'Enroll a device with an enrollment token and a CSR for its key. Answers the device certificate, the root to pin and the command-signing key.',
      body: EnrollRequest,
      response: { 201: EnrollResponse },
    },
    config: publicRoute([
      'ENROLLMENT_TOKEN_INVALID',
      'ENROLLMENT_TOKEN_EXPIRED',
      'ENROLLMENT_TOKEN_REVOKED',
      'ENROLLMENT_TOKEN_EXHAUSTED',
      'ENROLLMENT_PLATFORM_NOT_ALLOWED',
      'ENROLLMENT_OS_TOO_OLD',
      'ENROLLMENT_PERSONAL_NOT_ALLOWED',
      'ENROLLMENT_DEVICE_LIMIT',
      'CSR_INVALID',
    ]),
    bodyLimit: protocolLimits.enrollBytes,
  }, async (request, reply) => {
    const { enrollmentToken, csrPem, device } = request.body;
    const enrolled = unwrap(await enrollDevice(issuing, { token: enrollmentToken, csrPem, device }, agentOrigin(request)));
    return reply.code(201).send({
      deviceId: enrolled.device.id,
      certificatePem: enrolled.certificate.certificatePem,
      chainPem: enrolled.certificate.chainPem,
      rootCertificatePem: agent.rootCertificatePem,
      commandSigningKeyPem: agent.commandSigningKeyPem,
      checkInIntervalSeconds: agent.checkInIntervalSeconds,
      serverTime: deps.clock.now().toISOString(),
    });
  });

  app.post('/check-in', {
    schema: {
      tags,
      operationId: 'agentCheckIn',
      summary: 'Report changed facts, inventory, software and command results; receive the next commands. A result for a command this device was never sent refuses the whole check-in.',
      body: CheckInRequest,
      response: { 200: CheckInResponse },
    },
    config: deviceRoute(['COMMAND_NOT_FOUND']),
    bodyLimit: protocolLimits.checkInBytes,
    onRequest: authenticateDevice,
  }, async (request) => unwrap(await agentCheckIn(checkingIn, deviceSessionOf(request), request.body, agent.checkInIntervalSeconds, offerNoisePush)));

  app.post('/renew', {
    schema: {
      tags,
      operationId: 'agentRenew',
      summary: 'Get a new certificate for a new key. The current one keeps working until it expires.',
      body: RenewRequest,
      response: { 200: RenewResponse },
    },
    config: deviceRoute(['CSR_INVALID']),
    bodyLimit: protocolLimits.enrollBytes,
    onRequest: authenticateDevice,
  }, async (request) => {
    const issued = unwrap(await renewDeviceCertificate(issuing, deviceSessionOf(request), request.body.csrPem));
    return { certificatePem: issued.certificatePem, chainPem: issued.chainPem };
  });

  // An idle push socket should cost what ws needs and no more. @fastify/websocket leaves the upgrade's
  // ServerResponse attached to the TCP socket and installs an error listener that closes over the
  // Fastify request and reply, which keeps all of them (and the request's logger) alive as long as
  // the socket: several KB per agent, times every connected agent. Both are let go once upgraded.
  const upgradeResponses = new WeakMap<FastifyRequest, ServerResponse>();
  const log = app.log;
  const onSocketError = function onSocketError(this: WebSocket, error: Error) {
    // A client that vanished mid-frame: not the server's fault, and it reconnects on its own.
    log.debug({ err: error }, 'push socket failed');
    this.terminate();
  };

  // The route is hidden from the OpenAPI document by @fastify/websocket; the `agent` tag describes it.
  // Besides wake-ups (server to agent) the socket carries check-ins (see agent-push-messages.ts).
  app.get('/push', {
    websocket: true,
    config: deviceRoute(),
    onRequest: authenticateDevice,
    preHandler: (request, reply, next) => {
      upgradeResponses.set(request, reply.raw);
      next();
    },
  }, (socket, request) => {
    upgradeResponses.get(request)?.detachSocket(request.raw.socket);
    upgradeResponses.delete(request);
    socket.removeAllListeners('error');
    socket.on('error', onSocketError);
    const userAgent = request.headers['user-agent'];
    pushMessages.attach(socket, { certificate: presentedCertificateOf(request), ip: request.ip, userAgent: userAgent?.slice(0, 256) });
    hub.add(deviceSessionOf(request).device.id, socket);
  });
  done();
};
