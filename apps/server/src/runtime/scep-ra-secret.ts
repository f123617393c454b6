import { createScepRaCredential, loadScepRaCredential, type CertificateAuthority, type ScepRaBundle, type ScepRaCredential } from '@ward/pki';
import type { ServerSecretStore } from '@ward/store';
import { loadOrCreateServerSecret, serverSecretNames, type ServerSecretSource } from './server-secret.js';

/** The SCEP RA, unlocked, and where it came from. */
export interface LoadedScepRa {
  readonly credential: ScepRaCredential;
  readonly source: ServerSecretSource;
}

/**
 * Unlocks the SCEP registration authority, or creates it at the first start: an RSA-2048 key and a
 * certificate from Ward's issuing CA. Apple devices encrypt their SCEP requests to it (RSA key
 * transport) and check Ward's replies with it, which the CA's ECDSA key cannot serve. It lives in
 * the database beside the CA, so every server process answers SCEP with the same RA.
 *
 * @throws PkiError when the master key does not open the stored RA, or it is unreadable.
 */
export async function loadOrCreateScepRa(store: ServerSecretStore, ca: CertificateAuthority, masterKey: Uint8Array, now: Date): Promise<LoadedScepRa> {
  const secret = await loadOrCreateServerSecret(store, serverSecretNames.scepRa, {
    create: async () => JSON.stringify(await createScepRaCredential(ca, { masterKey, now })),
  });
  const bundle = JSON.parse(secret.value) as ScepRaBundle;
  return { credential: await loadScepRaCredential(bundle, masterKey), source: secret.source };
}
