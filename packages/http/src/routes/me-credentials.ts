import type { FastifyPluginCallbackTypebox } from '@fastify/type-provider-typebox';
import { beginPasskeyRegistration, finishPasskeyRegistration, generateRecoveryCodes, listPasskeys, removePasskey, type PasskeyVerifier } from '@ward/core';
import { unwrap } from '../api-error.js';
import { principalOf } from '../authenticate.js';
import { requires } from '../route-access.js';
import type { RouteDeps } from '../route-deps.js';
import { IdParams, NoContent } from '../schemas/common.js';
import { MyPasskeys, PasskeyCreationOptions, PasskeySummary, RecoveryCodes, RegisterPasskeyBody } from '../schemas/me-credentials.js';

/** Options of the second-factor routes. */
export interface MeCredentialsRoutesOptions extends RouteDeps {
  /** Verifies WebAuthn responses; without it passkeys cannot be registered (only listed and removed). */
  readonly passkeys: PasskeyVerifier | undefined;
}

const tags = ['me'];

/**
 * `/api/v1/me/passkeys` and `/api/v1/me/recovery-codes`: a signed-in person's own second factors
 * (issue 6 §2). Only their session may call these (an API token is FORBIDDEN); registration is
 * WebAuthn's two steps, options then the authenticator's answer (WebAuthn §7.1).
 */
export const meCredentialsRoutes: FastifyPluginCallbackTypebox<MeCredentialsRoutesOptions> = (app, { deps, passkeys }, done) => {
  app.get('/me/passkeys', {
    schema: { tags, operationId: 'listMyPasskeys', summary: 'The caller’s passkeys and how many recovery codes they have left.', response: { 200: MyPasskeys } },
    config: requires(null),
  }, async (request) => unwrap(await listPasskeys(deps, principalOf(request))));

  if (passkeys !== undefined) {
    const registerDeps = { ...deps, relyingParty: passkeys.relyingParty, passkeys };
    app.post('/me/passkeys/registration', {
      schema: {
        tags,
        operationId: 'beginPasskeyRegistration',
        summary: 'Options for navigator.credentials.create(): a challenge valid five minutes, the caller’s passkeys excluded.',
        response: { 200: PasskeyCreationOptions },
      },
      config: requires(null, ['USER_NOT_FOUND', 'PASSKEY_LIMIT']),
    }, async (request) => unwrap(await beginPasskeyRegistration(registerDeps, principalOf(request))));

    app.post('/me/passkeys', {
      schema: { tags, operationId: 'registerPasskey', summary: 'Register a passkey with the authenticator’s answer to the options.', body: RegisterPasskeyBody, response: { 201: PasskeySummary } },
      config: requires(null, ['PASSKEY_CHALLENGE_INVALID', 'PASSKEY_INVALID', 'PASSKEY_ALREADY_REGISTERED', 'PASSKEY_LIMIT']),
    }, async (request, reply) => {
      const { challenge, response, name } = request.body;
      const created = unwrap(await finishPasskeyRegistration(registerDeps, principalOf(request), { challenge, response, ...(name === undefined ? {} : { name }) }));
      return reply.code(201).send(created);
    });
  }

  app.delete('/me/passkeys/:id', {
    schema: { tags, operationId: 'removeMyPasskey', summary: 'Remove one of the caller’s passkeys.', params: IdParams, response: { 204: NoContent } },
    config: requires(null, ['PASSKEY_NOT_FOUND']),
  }, async (request, reply) => {
    unwrap(await removePasskey(deps, principalOf(request), request.params.id));
    return reply.code(204).send();
  });

  app.post('/me/recovery-codes', {
    schema: { tags, operationId: 'generateMyRecoveryCodes', summary: 'Ten new recovery codes, shown this once; any earlier ones stop working.', response: { 201: RecoveryCodes } },
    config: requires(null, ['USER_NOT_FOUND']),
  }, async (request, reply) => reply.code(201).send(unwrap(await generateRecoveryCodes(deps, principalOf(request)))));
  done();
};
