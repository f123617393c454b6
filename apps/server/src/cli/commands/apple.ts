import { readFile, stat, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  createPushCertificateRequest,
  getPushCertificateStatus,
  maxPushCertificateUploadBytes,
  pushCertificateWarningDays,
  uploadPushCertificate,
  type PushCertificateCrypto,
  type PushCertificateStatus,
} from '@ward/core';
import type { CliIo } from '@ward/cli-kit';
import { CliExit, exitCodes } from '../cli-exit.js';
import { addConfigFlags, commonConfigKeys, configFromFlags } from '../command-config.js';
import { describeError } from '../describe-error.js';
import { exitOnFailure } from '../exit-on-failure.js';
import { withWard } from '../with-ward.js';

/** The push certificate crypto, loaded only by the commands that use it (keeps `--help` fast). */
async function pushCrypto(): Promise<PushCertificateCrypto> {
  const { createPushCertificateCrypto } = await import('@ward/apple');
  return createPushCertificateCrypto();
}

/** What the admin does with the CSR: Apple takes only a request an MDM vendor has signed. */
const nextSteps = [
  'Next:',
  '  1. Have the CSR signed by an MDM vendor certificate (for example through https://mdmcert.download);',
  '     Apple accepts only a vendor-signed request.',
  '  2. Upload the signed request at https://identity.apple.com (Apple Push Certificates Portal) with the',
  '     organisation\'s Apple ID; when renewing, use the same Apple ID and "Renew" the existing certificate.',
  '  3. Download the certificate Apple issues and run `ward apple push-cert upload <file.pem>`.',
];

/** Lines describing `status` for people; warnings come first so they are not missed. */
export function pushCertificateStatusLines(status: PushCertificateStatus): string[] {
  const lines: string[] = [];
  const { active, pending } = status;
  if (active !== null) {
    if (active.expired) lines.push(`ERROR: the Apple push certificate expired on ${active.notAfter.toISOString()}: Apple devices can no longer be woken. Renew it now (ward apple push-cert request).`);
    else if (active.expiresSoon) lines.push(`WARNING: the Apple push certificate expires in ${active.daysLeft} days (${active.notAfter.toISOString()}). Renew it with the same Apple ID (ward apple push-cert request).`);
    lines.push(
      `State:      ${status.state}`,
      `Topic:      ${active.topic}`,
      `Expires:    ${active.notAfter.toISOString()} (${active.daysLeft} days left)`,
      `Subject:    ${active.subject}`,
      `Serial:     ${active.serialNumber}`,
      `Uploaded:   ${active.uploadedAt.toISOString()}`,
    );
  } else {
    lines.push(`State:      ${status.state}`);
  }
  if (pending !== null) lines.push(`Pending:    a CSR made ${pending.requestedAt.toISOString()} waits for Apple's certificate${active === null ? '' : ' (a renewal)'}`);
  if (status.state === 'notConfigured') lines.push('No Apple push certificate yet: start with `ward apple push-cert request --out ward-push.csr`.');
  return lines;
}

function statusJson(status: PushCertificateStatus): string {
  return JSON.stringify({ ...status, warningDays: pushCertificateWarningDays });
}

/**
 * `ward apple push-cert request|upload|status`: the APNs certificate Apple devices are woken with
 * (issue 5 §1; docs/apple-push-certificate.md). The same core use cases as the API, as the
 * operator at the host.
 */
export function appleCommand(program: Command, io: CliIo): Command {
  const apple = program.command('apple').description('Apple device management: the push certificate.');
  const push = apple.command('push-cert').description('The Apple push (APNs) certificate: make a CSR, upload what Apple issues, check its expiry.');

  const request = push
    .command('request')
    .description('Make a new key and CSR (replacing a pending one); an active certificate keeps working until its renewal is uploaded.')
    .option('-o, --out <file>', 'write the CSR (PEM) to this file instead of standard output');
  addConfigFlags(request, commonConfigKeys);
  request.action(async (options: { out?: string } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const crypto = await pushCrypto();
    const created = await withWard(io, config, async ({ runtime, principal }) => {
      const result = await createPushCertificateRequest({ ...runtime.deps, pushCrypto: crypto }, principal);
      if (!result.ok) exitOnFailure(result);
      return result.value;
    });
    if (options.out === undefined) io.stdout.write(created.csrPem);
    else {
      try {
        await writeFile(options.out, created.csrPem, { mode: 0o644 });
      } catch (error) {
        throw new CliExit(exitCodes.failure, [`Could not write ${options.out}: ${describeError(error)} (the request is stored; \`ward apple push-cert status --json\` shows its CSR)`], { cause: error });
      }
      io.stdout.write(`Wrote the certificate signing request to ${options.out}.\n`);
    }
    const renewing = created.renewing ? ['The active certificate keeps working until the renewed one is uploaded.'] : [];
    io.stderr.write(`${[...renewing, ...nextSteps].join('\n')}\n`);
  });

  const upload = push
    .command('upload')
    .description('Upload the certificate Apple issued for the pending CSR (PEM or DER).')
    .argument('<file>', 'the certificate file from the Apple Push Certificates Portal');
  addConfigFlags(upload, commonConfigKeys);
  upload.action(async (file: string, options: Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    // Checked before reading, so a wrong path to a large file is not read into memory.
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile() !== true) throw new CliExit(exitCodes.usage, [`No such file: ${file}`]);
    if (info.size > maxPushCertificateUploadBytes) throw new CliExit(exitCodes.usage, [`${file} is ${info.size} bytes; a push certificate is about 2 KB (at most ${maxPushCertificateUploadBytes} bytes are read). Is it the right file?`]);
    const bytes = new Uint8Array(await readFile(file));
    const crypto = await pushCrypto();
    const status = await withWard(io, config, async ({ runtime, principal }) => {
      const result = await uploadPushCertificate({ ...runtime.deps, pushCrypto: crypto }, principal, { certificate: bytes });
      if (!result.ok) exitOnFailure(result);
      return result.value;
    });
    io.stdout.write(`Uploaded the Apple push certificate for topic ${status.active?.topic ?? '?'}, valid until ${status.active?.notAfter.toISOString() ?? '?'}.\n`);
  });

  const show = push.command('status').description(`Show the push certificate's state, topic and expiry, with a warning within ${pushCertificateWarningDays} days of it.`).option('--json', 'print the status as JSON');
  addConfigFlags(show, commonConfigKeys);
  show.action(async (options: { json?: boolean } & Record<string, unknown>) => {
    const config = configFromFlags(io, options);
    const status = await withWard(io, config, async ({ runtime, principal }) => {
      const result = await getPushCertificateStatus(runtime.deps, principal);
      if (!result.ok) exitOnFailure(result);
      return result.value;
    });
    io.stdout.write(`${options.json === true ? statusJson(status) : pushCertificateStatusLines(status).join('\n')}\n`);
  });
  return apple;
}
