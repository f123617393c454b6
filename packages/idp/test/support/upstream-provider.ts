import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Account } from 'oidc-provider';
import { freePort } from './idp-harness.js';
import type { SignInWorld } from './sign-in-harness.js';

/** What the upstream knows about one of its users (OIDC Core §5.1 claims). */
export interface UpstreamAccount {
  readonly email?: string;
  readonly email_verified?: boolean;
  readonly name?: string;
}

/**
 * A real, second OpenID provider (oidc-provider, the library Ward's own provider is built on) on
 * its own port, over TLS with a certificate from the sign-in world's CA. Ward is registered there
 * as a confidential client whose one redirect URI is Ward's federation callback. Its interaction
 * is a minimal one written with the library's API: it signs in `loginAs` at once with `amr`, or,
 * with `loginAs` undefined, answers `access_denied` (the user declined).
 */
export interface TestUpstream {
  readonly issuer: string;
  readonly host: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accounts: Map<string, UpstreamAccount>;
  loginAs: string | undefined;
  amr: string[];
  close(): Promise<void>;
}

export async function startUpstream(world: SignInWorld): Promise<TestUpstream> {
  const port = await freePort();
  const issuer = `https://127.0.0.1:${port}`;
  const clientId = 'ward-at-upstream';
  const clientSecret = 'upstream-client-secret-for-ward';
  const accounts = new Map<string, UpstreamAccount>();
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'upstream-1', alg: 'RS256', use: 'sig' };

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [`${world.base}/interaction/federated/callback`], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['upstream-test-cookie-key'] },
    // The library's default: scope claims (e-mail) come from userinfo, not the ID token, so Ward's
    // userinfo path is the one exercised; amr rides in the ID token.
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true, methods: ['S256'] },
    findAccount: (_ctx, sub): Account | undefined => {
      const account = accounts.get(sub);
      return account === undefined ? undefined : { accountId: sub, claims: () => ({ sub, ...account }) };
    },
    // First-party for the test: the grant is made without a consent screen.
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (client === undefined || session?.accountId === undefined) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  });

  const running: TestUpstream = {
    issuer,
    host: `127.0.0.1:${port}`,
    clientId,
    clientSecret,
    accounts,
    loginAs: undefined,
    amr: ['pwd'],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };

  const interaction = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    await provider.interactionDetails(req, res);
    const result = running.loginAs === undefined ? { error: 'access_denied', error_description: 'The user declined.' } : { login: { accountId: running.loginAs, amr: [...running.amr] } };
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  };

  const callback = provider.callback();
  const tls = await world.ca.issueServerCertificate({ hostnames: ['localhost'], ipAddresses: ['127.0.0.1'], validityDays: 30, now: new Date(Date.now() - 60_000) });
  const server: Server = createServer({ key: tls.privateKeyPem, cert: tls.certificatePem + tls.chainPem }, (req, res) => {
    if (req.url?.startsWith('/interaction/') === true) {
      interaction(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    void callback(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return running;
}
