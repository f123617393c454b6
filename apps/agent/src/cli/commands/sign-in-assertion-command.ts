import type { Command } from 'commander';
import type { CliIo } from '@ward/cli-kit';
import { IdentityStore } from '../../identity/identity-store.js';
import { createSignInAssertion, signInAssertionMaxLifetimeSeconds } from '../../identity/create-sign-in-assertion.js';
import { CliExit, exitCodes } from '../cli-exit.js';
import { pathsOf } from '../global-options.js';

function audienceOf(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliExit(exitCodes.usage, ['ward-agent sign-in-assertion: --audience must be the issuer URL, e.g. https://ward.example/oidc']);
  }
  if (url.protocol !== 'https:' || url.search !== '' || url.hash !== '') throw new CliExit(exitCodes.usage, ['ward-agent sign-in-assertion: --audience must be an https:// issuer URL without query or fragment']);
  // The issuer as the provider spells it: no trailing slash.
  return value.replace(/\/+$/u, '');
}

function lifetimeOf(value: string | undefined): number {
  if (value === undefined) return 120;
  const seconds = /^\d{1,3}$/u.test(value) ? Number(value) : Number.NaN;
  if (!(seconds >= 1 && seconds <= signInAssertionMaxLifetimeSeconds)) throw new CliExit(exitCodes.usage, [`ward-agent sign-in-assertion: --lifetime must be 1 to ${signInAssertionMaxLifetimeSeconds} seconds`]);
  return seconds;
}

/**
 * `ward-agent sign-in-assertion --audience <issuer>`: prints a short-lived device-key assertion
 * (issue 6 §3) for a browser helper or an app to send with a sign-in as `device_assertion`, so
 * the device is proven without a client certificate in the browser. Exit 3 when not enrolled.
 */
export function signInAssertionCommand(program: Command, io: CliIo): void {
  program
    .command('sign-in-assertion')
    .description('Print a short-lived assertion, signed with the device key, that proves this device when signing in through Ward (the device_assertion parameter). Exit status 3 when not enrolled.')
    .requiredOption('--audience <issuer>', 'the Ward issuer the sign-in goes to, e.g. https://ward.example/oidc')
    .option('--lifetime <seconds>', `how long the assertion is valid, 1 to ${signInAssertionMaxLifetimeSeconds} (default 120)`)
    .action(async (options: { audience: string; lifetime?: string }, command: Command) => {
      const audience = audienceOf(options.audience);
      const lifetimeSeconds = lifetimeOf(options.lifetime);
      const paths = pathsOf(command);
      const identity = await new IdentityStore(paths).load().catch((error: unknown) => {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EPERM') throw new CliExit(exitCodes.failure, [`ward-agent sign-in-assertion: cannot read ${paths.stateDir}: permission denied (the device key is readable by root only)`]);
        throw error;
      });
      if (identity === undefined) throw new CliExit(exitCodes.notEnrolled, ['ward-agent sign-in-assertion: this machine is not enrolled']);
      io.stdout.write(`${createSignInAssertion({ identity, audience, now: new Date(), lifetimeSeconds })}\n`);
    });
}
