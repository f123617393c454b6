import type { CertificatePayload } from '@ward/agent-protocol';
import { joinNotes, notApplicableOutcome, type ProfileOutcome } from '../profile-outcome.js';
import type { LinuxApplyContext } from './linux-apply-context.js';
import { certificateDir } from './network-manager.js';
import { packageFamily } from './package-family.js';
import { certificatesPem, parseCertificate, parseClientIdentity } from './pem-material.js';

/** The system trust stores Ward knows: where an extra anchor goes and what rebuilds the bundle. */
const TRUST_STORES = {
  debian: { dir: '/usr/local/share/ca-certificates', extension: 'crt', rebuild: ['update-ca-certificates', []] },
  rpm: { dir: '/etc/pki/ca-trust/source/anchors', extension: 'pem', rebuild: ['update-ca-trust', ['extract']] },
} as const;

/**
 * Certificate profiles. A trusted root goes into the system trust store (Debian's
 * `update-ca-certificates` or the RPM family's `update-ca-trust`, whichever the machine has) as
 * `ward-<id>`; it is not trusted until the store is rebuilt, so a failed rebuild fails the profile.
 * An issued certificate and its key go to Ward's certificate folder for other software to use
 * (the key readable by root only). SCEP enrollment is not done by the Linux agent.
 */
export async function applyCertificateProfile(ctx: LinuxApplyContext, payload: CertificatePayload): Promise<ProfileOutcome> {
  switch (payload.type) {
    case 'trustedRoot': {
      const certificate = parseCertificate(payload.certificatePem, 'payload/certificatePem');
      const store = await trustStore(ctx);
      if (store === undefined) return notApplicableOutcome('no system trust store was found (neither /usr/local/share/ca-certificates nor /etc/pki/ca-trust)');
      await ctx.changes.writeWardFile(`${store.dir}/ward-${ctx.stem}.${store.extension}`, certificatesPem([certificate]), 0o644);
      const [tool, args] = store.rebuild;
      const failure = await ctx.tools.runToSuccess(tool, args);
      if (failure !== null) return { status: 'failed', message: `the certificate was written to ${store.dir}, but the trust store was not rebuilt: ${failure}` };
      const notes = [`trusted: ${certificate.subject.replace(/\n/g, ', ')}`, certificate.ca ? undefined : 'note: the certificate is not a CA certificate'];
      return { status: 'succeeded', message: joinNotes(notes) ?? '' };
    }
    case 'issued': {
      const identity = parseClientIdentity(payload, 'payload');
      const dir = certificateDir(ctx.stem);
      await ctx.changes.ensureDir(dir, 0o755);
      await ctx.changes.writeWardFile(`${dir}/cert.pem`, identity.certificatePem, 0o644);
      await ctx.changes.writeWardFile(`${dir}/chain.pem`, identity.chainPem, 0o644);
      await ctx.changes.writeWardFile(`${dir}/key.pem`, identity.privateKeyPem, 0o600);
      const note = payload.scope === 'user' ? '; Linux has no per-user certificate store, so the user certificate is kept with the device certificates' : '';
      return { status: 'succeeded', message: `installed in ${dir} (cert.pem, chain.pem, key.pem readable by root only)${note}` };
    }
    case 'scep':
      return notApplicableOutcome('SCEP enrollment is not done by the Linux agent; use a certificate issued by Ward instead');
  }
}

async function trustStore(ctx: LinuxApplyContext): Promise<(typeof TRUST_STORES)[keyof typeof TRUST_STORES] | undefined> {
  if (await ctx.changes.isDirectory('/etc/pki/ca-trust/source/anchors')) return TRUST_STORES.rpm;
  if (await ctx.changes.isDirectory(TRUST_STORES.debian.dir)) return TRUST_STORES.debian;
  if ((await packageFamily(ctx.changes)) === 'dpkg' && (await ctx.changes.isDirectory('/etc/ssl/certs'))) return TRUST_STORES.debian;
  return undefined;
}
