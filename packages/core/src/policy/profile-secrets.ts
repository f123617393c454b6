import { fail, ok, type Result } from '../kernel/result.js';
import type { Profile, ProfileContent, ProfileView } from './model.js';

/**
 * Rebuilds content with every secret replaced by `f(secret, path)`. Paths name a secret stably
 * across edits: `passphrase`, `authentication.sharedSecret`, `challenge`, `interface.privateKey`,
 * `peers[<publicKey>].presharedKey` (peers by key, so reordering peers keeps their secrets).
 * This is the one place that knows where secrets live; redaction and keep-on-update use it.
 */
export function mapSecrets<A, B>(content: ProfileContent<A>, f: (secret: A, path: string) => B): ProfileContent<B> {
  switch (content.kind) {
    case 'settings':
    case 'email':
    case 'custom':
      return content;
    case 'wifi': {
      const { passphrase, ...rest } = content.body;
      return { kind: 'wifi', body: passphrase === undefined ? rest : { ...rest, passphrase: f(passphrase, 'passphrase') } };
    }
    case 'certificate': {
      const body = content.body;
      if (body.type !== 'scep') return { kind: 'certificate', body };
      return { kind: 'certificate', body: { ...body, challenge: f(body.challenge, 'challenge') } };
    }
    case 'vpn': {
      const body = content.body;
      if (body.type === 'ikev2') {
        const auth = body.authentication;
        return { kind: 'vpn', body: { ...body, authentication: auth.method === 'sharedSecret' ? { method: 'sharedSecret', sharedSecret: f(auth.sharedSecret, 'authentication.sharedSecret') } : auth } };
      }
      const { privateKey, ...iface } = body.interface;
      return {
        kind: 'vpn',
        body: {
          ...body,
          interface: privateKey === undefined ? iface : { ...iface, privateKey: f(privateKey, 'interface.privateKey') },
          peers: body.peers.map(({ presharedKey, ...peer }) => (presharedKey === undefined ? peer : { ...peer, presharedKey: f(presharedKey, `peers[${peer.publicKey}].presharedKey`) })),
        },
      };
    }
  }
}

/**
 * A profile as callers see it: secrets null, and `secretsSet` naming the ones that are stored.
 * Secrets are write-only through the API (as Intune returns null for them); the store keeps them
 * in the profile's body and may encrypt that column with the SecretBox later without core changes.
 */
export function redactProfile(profile: Profile): ProfileView {
  const secretsSet: string[] = [];
  const content = mapSecrets<string, null>(profile, (_secret, path) => {
    secretsSet.push(path);
    return null;
  });
  const { kind: _kind, body: _body, ...header } = profile;
  return { ...header, ...content, secretsSet };
}

/**
 * Input content with every `null` secret replaced by the stored profile's secret at the same
 * path (keep), or PROFILE_SECRET_REQUIRED when there is none to keep (a new profile, or the
 * secret is new in this edit).
 */
export function resolveSecrets(content: ProfileContent<string | null>, stored: ProfileContent | undefined): Result<ProfileContent, 'PROFILE_SECRET_REQUIRED'> {
  const kept = new Map<string, string>();
  if (stored !== undefined && stored.kind === content.kind) mapSecrets(stored, (secret, path) => kept.set(path, secret));
  let missing: string | undefined;
  const resolved = mapSecrets<string | null, string>(content, (secret, path) => {
    if (secret !== null) return secret;
    const previous = kept.get(path);
    if (previous === undefined) missing ??= path;
    return previous ?? '';
  });
  if (missing !== undefined) return fail('PROFILE_SECRET_REQUIRED', `body.${missing}: no secret is stored to keep; give its value.`, { field: `body.${missing}` });
  return ok(resolved);
}
