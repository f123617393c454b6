import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { checkInSdkApp, registerSdkApp, sdkLimits, type AuthDeps, type MamPolicySource, type SdkCaller, type SdkSignatureVerifier, type WardStores } from '@ward/core';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler, onRequestHookHandler } from 'fastify';
import type { UserAccessTokenVerifier } from '../api-options.js';
import { ApiError, unwrap } from '../api-error.js';
import { bearerOf } from '../authenticate.js';
import { requestOrigin } from '../request-origin.js';
import { sdkSignedRoute, sdkUserRoute } from '../route-access.js';
import { SdkCheckInRequest, SdkCheckInResponse, SdkRegisterRequest, SdkRegisterResponse, SdkSignatureHeaders } from '../schemas/sdk.js';
import { acceptSignedJsonBodies, rawBodyOf } from '../signed-json-body.js';

/** Where the SDK protocol is served. */
export const sdkApiPrefix = '/sdk/v1';

/** What the SDK endpoints need beside the core dependencies. */
export interface SdkRoutesOptions {
  readonly deps: AuthDeps<WardStores>;
  /** Checks the user's access token at registration (the identity provider's tokens). */
  readonly verifyAccessToken: UserAccessTokenVerifier;
  /** Checks check-in signatures under the registrations' keys. */
  readonly signatures: SdkSignatureVerifier;
  /** The tenants' compiled MAM policies, shared with the identity provider; read per request without it. */
  readonly mamPolicies?: MamPolicySource;
}

const tags = ['sdk'];

const callers = new WeakMap<FastifyRequest, SdkCaller>();

function challenge(reply: FastifyReply, error: 'invalid_request' | 'invalid_token' | undefined): void {
  // RFC 6750 §3: every 401 names the scheme; `error` only when credentials were presented.
  reply.header('www-authenticate', error === undefined ? 'Bearer realm="ward-sdk"' : `Bearer realm="ward-sdk", error="${error}"`);
}

/**
 * The registration's `onRequest` hook: the bearer must be a live access token of Ward's identity
 * provider. Runs before the body is read, so a caller without one cannot make the server parse it.
 */
function authenticateUser(verify: UserAccessTokenVerifier): onRequestAsyncHookHandler {
  return async function authenticateSdkUser(request, reply) {
    const header = request.headers.authorization;
    const bearer = bearerOf(header);
    if (bearer === undefined) {
      challenge(reply, header === undefined ? undefined : 'invalid_request');
      throw new ApiError('UNAUTHENTICATED', 'Registration needs an Authorization: Bearer access token from Ward\'s identity provider.');
    }
    const owner = await verify(bearer);
    if (owner === undefined) {
      challenge(reply, 'invalid_token');
      throw new ApiError('UNAUTHENTICATED', 'The access token is unknown, expired or revoked; sign the user in again.');
    }
    callers.set(request, { tenantId: owner.tenantId, userId: owner.userId, clientId: owner.clientId, origin: requestOrigin(request) });
  };
}

function callerOf(request: FastifyRequest): SdkCaller {
  const caller = callers.get(request);
  if (caller === undefined) throw new ApiError('INTERNAL', 'No SDK caller on a route that requires one.');
  return caller;
}

const signatureHeaderPattern = /^[A-Za-z0-9_-]{86}$/u;
const registrationHeaderPattern = /^[A-Za-z0-9_-]{1,64}$/u;

function singleHeader(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * The check-in's `onRequest` hook: an unsigned request (no or a malformed `Ward-Registration` or
 * `Ward-Signature`) is refused before its body is read. Whether the signature holds is the use
 * case's question, over the exact bytes.
 */
const requireSignatureHeaders: onRequestHookHandler = function requireSignatureHeaders(request, _reply, done) {
  const registration = singleHeader(request.headers['ward-registration']);
  const signature = singleHeader(request.headers['ward-signature']);
  if (registration === undefined || signature === undefined || !registrationHeaderPattern.test(registration) || !signatureHeaderPattern.test(signature)) {
    done(new ApiError('SDK_SIGNATURE_INVALID', 'A check-in needs a Ward-Registration header and a Ward-Signature header (base64url of a 64-byte ES256 signature over the body).', { in: 'headers' }));
    return;
  }
  done();
};

// Browser apps call from their own origin. Neither endpoint honours a cookie or any other ambient
// credential (a bearer token, a signature by a key only the app holds), so any origin may call them
// and the answers say so; credentials mode stays off.
const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-request-id, www-authenticate',
} as const;
const preflightHeaders = {
  ...corsHeaders,
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'authorization, content-type, ward-registration, ward-signature',
  'access-control-max-age': '600',
} as const;

/**
 * `/sdk/v1/*`: the SDK protocol (docs/protocols/sdk-v1.md). Registration takes a user's access
 * token (checked before the body is read) and answers the policy, configuration and key share; a
 * check-in is signed by the registration's key over its exact body bytes (kept unparsed by its
 * scope's parser), and answers what changed and a pending wipe. Bodies are JSON of at most 16 KiB.
 * Each handler calls one core use case; failures leave through the API's one error handler in
 * the API's one error shape, with CORS headers so a browser app can read them.
 */
export const sdkRoutes: FastifyPluginCallbackTypebox<SdkRoutesOptions> = (app, { deps, verifyAccessToken, signatures, mamPolicies }, done) => {
  const registering = mamPolicies === undefined ? deps : { ...deps, mamPolicies };
  const checkingIn = { ...registering, signatures };

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(corsHeaders);
    return payload;
  });
  for (const path of ['/registrations', '/check-in']) {
    // Preflight of a cross-origin call (Fetch standard §3.2): no body, no credentials, nothing to check.
    app.options(path, (_request, reply) => reply.code(204).headers(preflightHeaders).send());
  }

  app.post('/registrations', {
    schema: {
      tags,
      operationId: 'sdkRegister',
      summary: 'Register an app for the signed-in user: answers the registration id, the app protection policy and configuration, and the key share. The same user, app and device tag again re-keys the registration (200).',
      body: SdkRegisterRequest,
      response: { 200: SdkRegisterResponse, 201: SdkRegisterResponse },
    },
    config: sdkUserRoute(['APP_NOT_FOUND', 'APP_PROTECTION_NOT_ASSIGNED', 'UNAVAILABLE']),
    bodyLimit: sdkLimits.bodyBytes,
    onRequest: authenticateUser(verifyAccessToken),
  }, async (request, reply) => {
    const outcome = unwrap(await registerSdkApp(registering, callerOf(request), request.body));
    return reply.code(outcome.created ? 201 : 200).send(outcome.response);
  });

  // The check-in's body is signed: its scope keeps the bytes unparsed, and the use case checks the
  // registration and the signature before it parses them (sdk-v1.md gives the order of refusals).
  // The schemas describe the wire for the document; the use case is the one that validates.
  void app.register((signed, _options, registered) => {
    acceptSignedJsonBodies(signed, sdkLimits.bodyBytes);
    signed.post('/check-in', {
      schema: {
        tags,
        operationId: 'sdkCheckIn',
        summary: 'Report the app\'s state, usage and a wipe confirmation; receive the policy and configuration when they changed, the key share, and a pending wipe. Signed by the registration\'s key over the exact body bytes.',
        headers: SdkSignatureHeaders,
        body: SdkCheckInRequest,
        response: { 200: SdkCheckInResponse },
      },
      validatorCompiler: () => () => true,
      config: sdkSignedRoute(['VALIDATION_FAILED', 'SDK_CHECK_IN_REPLAYED', 'SDK_CHECK_IN_STALE']),
      bodyLimit: sdkLimits.bodyBytes,
      onRequest: requireSignatureHeaders,
    }, async (request) =>
      unwrap(
        await checkInSdkApp(checkingIn, {
          registrationId: singleHeader(request.headers['ward-registration']) ?? '',
          signature: singleHeader(request.headers['ward-signature']) ?? '',
          body: rawBodyOf(request),
          origin: requestOrigin(request),
        }),
      ));
    registered();
  });

  done();
};
