import type { GrantControl } from '@ward/core';
import { escapeHtml, page } from '../pages.js';
import type { SignInFormStep } from './sign-in-state.js';

// Plain, server-rendered pages: no scripts but the passkey page's one (served from Ward's origin), one column, every field labelled, errors announced
// (role="alert") and tied to their field (aria-describedby), the first field focused.

/** Where a form posts and the single-use token it carries. */
export interface SignInFormTarget {
  /** The interaction's URL (`/interaction/<uid>`). */
  readonly action: string;
  readonly token: string;
}

function hidden(target: SignInFormTarget, step: SignInFormStep): string {
  return `<input type="hidden" name="token" value="${escapeHtml(target.token)}"><input type="hidden" name="step" value="${step}">`;
}

function errorBlock(id: string, error: string | undefined): string {
  return error === undefined ? '' : `<p id="${id}" role="alert"><strong>${escapeHtml(error)}</strong></p>`;
}

function cancelButton(): string {
  return '<button type="submit" name="action" value="cancel" formnovalidate>Cancel sign-in</button>';
}

function forApp(clientName: string | undefined): string {
  return clientName === undefined || clientName === '' ? '' : `<p>to continue to <strong>${escapeHtml(clientName)}</strong></p>`;
}

/** The upstream providers offered beside the password (federation), and where their buttons post. */
export interface UpstreamChoices {
  /** The federated sign-in route of this interaction (`/interaction/<uid>/federated`). */
  readonly action: string;
  readonly providers: readonly { readonly id: string; readonly name: string }[];
}

// One button per upstream, in the password form (so they carry its form token) but posting to the
// federated route; formnovalidate because the e-mail and password fields may stay empty.
function upstreamButtons(upstream: UpstreamChoices | undefined): string {
  if (upstream === undefined || upstream.providers.length === 0) return '';
  const buttons = upstream.providers.map(
    (p) => `<button type="submit" name="provider" value="${escapeHtml(p.id)}" formaction="${escapeHtml(upstream.action)}" formnovalidate>Sign in with ${escapeHtml(p.name)}</button>`,
  );
  return `\n<p>Or use your account with another provider:</p>\n<p>${buttons.join(' ')}</p>`;
}

/** The first step: e-mail and password, and a button per upstream provider the tenant offers. */
export function passwordPage(target: SignInFormTarget, input: { readonly clientName?: string; readonly email?: string; readonly error?: string; readonly upstream?: UpstreamChoices }): string {
  const described = input.error === undefined ? '' : ' aria-describedby="sign-in-error"';
  return page(
    'Sign in',
    `<h1>Sign in</h1>${forApp(input.clientName)}${errorBlock('sign-in-error', input.error)}
<form method="post" action="${escapeHtml(target.action)}">${hidden(target, 'password')}
<p><label for="email">E-mail</label><br><input id="email" name="email" type="email" autocomplete="username" required maxlength="320" autofocus value="${escapeHtml(input.email ?? '')}"${described}></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"${described}></p>
<p><button type="submit">Sign in</button> ${cancelButton()}</p>${upstreamButtons(input.upstream)}
</form>`,
  );
}

/** Which second factors a user may switch to from the one shown. */
export interface OtherFactors {
  readonly totp?: boolean;
  readonly passkey?: boolean;
  readonly recovery?: boolean;
}

// Buttons of the same form that switch to another factor; formnovalidate so a blank code field does not stop them.
function otherFactors(others: OtherFactors | undefined): string {
  if (others === undefined) return '';
  const buttons = [
    others.passkey === true ? '<button type="submit" name="action" value="use-passkey" formnovalidate>Use a passkey instead</button>' : '',
    others.totp === true ? '<button type="submit" name="action" value="use-totp" formnovalidate>Use your authenticator app instead</button>' : '',
    others.recovery === true ? '<button type="submit" name="action" value="use-recovery" formnovalidate>Use a recovery code</button>' : '',
  ].filter((b) => b !== '');
  return buttons.length === 0 ? '' : `<p>${buttons.join(' ')}</p>`;
}

/** The second step, for users with an authenticator app. */
export function totpPage(target: SignInFormTarget, input: { readonly clientName?: string; readonly error?: string; readonly others?: OtherFactors }): string {
  const described = input.error === undefined ? '' : ' aria-describedby="totp-error"';
  return page(
    'Enter your code',
    `<h1>Enter your code</h1>${forApp(input.clientName)}<p>Open your authenticator app and enter the 6-digit code it shows for Ward.</p>${errorBlock('totp-error', input.error)}
<form method="post" action="${escapeHtml(target.action)}">${hidden(target, 'totp')}
<p><label for="totp">Authenticator code</label><br><input id="totp" name="totp" type="text" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required maxlength="6" autofocus${described}></p>
<p><button type="submit">Verify</button> ${cancelButton()}</p>${otherFactors(input.others)}
</form>`,
  );
}

/**
 * The second step with a passkey. The page's one script (`scriptUrl`, served from Ward's origin, so
 * the CSP's default-src 'self' admits it and no inline script is needed) reads the request options
 * from the form's data attribute, calls navigator.credentials.get() when the button is pressed, and
 * posts the credential as JSON in the hidden `credential` field.
 */
export function passkeyPage(target: SignInFormTarget, input: { readonly clientName?: string; readonly error?: string; readonly options: unknown; readonly scriptUrl: string; readonly others?: OtherFactors }): string {
  return page(
    'Use your passkey',
    `<h1>Use your passkey</h1>${forApp(input.clientName)}<p>Press the button and confirm with your passkey (fingerprint, face, PIN or security key).</p>${errorBlock('passkey-error', input.error)}
<form id="passkey-form" method="post" action="${escapeHtml(target.action)}" data-options="${escapeHtml(JSON.stringify(input.options))}">${hidden(target, 'passkey')}<input type="hidden" name="credential" value="">
<p><button type="button" id="passkey-start" autofocus>Use passkey</button> ${cancelButton()}</p><p id="passkey-status" role="status"></p>${otherFactors(input.others)}
</form><script src="${escapeHtml(input.scriptUrl)}"></script>`,
  );
}

/** The second step with one of the user's recovery codes. */
export function recoveryPage(target: SignInFormTarget, input: { readonly clientName?: string; readonly error?: string; readonly others?: OtherFactors }): string {
  const described = input.error === undefined ? '' : ' aria-describedby="recovery-error"';
  return page(
    'Enter a recovery code',
    `<h1>Enter a recovery code</h1>${forApp(input.clientName)}<p>Enter one of the recovery codes you saved. Each code works once.</p>${errorBlock('recovery-error', input.error)}
<form method="post" action="${escapeHtml(target.action)}">${hidden(target, 'recovery')}
<p><label for="recovery">Recovery code</label><br><input id="recovery" name="recovery" type="text" autocomplete="off" spellcheck="false" required maxlength="32" autofocus${described}></p>
<p><button type="submit">Verify</button> ${cancelButton()}</p>${otherFactors(input.others)}
</form>`,
  );
}

/** A compliance rule the device fails, with what to do about it. */
export interface FailingRule {
  readonly title: string;
  readonly expected: string;
  readonly actual: string | null;
  readonly remediation: string;
}

/** Why a sign-in was refused, for {@link blockedPage}. */
export interface BlockedExplanation {
  readonly clientName?: string;
  /** The enforced policies that refused it, each with what it needs. */
  readonly policies: readonly { readonly name: string; readonly blocks: boolean; readonly missingControls: readonly GrantControl[] }[];
  /** The device as the decision saw it. */
  readonly device:
    | { readonly known: false; readonly problem: string | null }
    | { readonly known: true; readonly name: string; readonly complianceState: string; readonly failingRules: readonly FailingRule[] };
  /** Where to enroll this device (the self-service portal). */
  readonly enrollUrl: string;
  /** Why the app's protection did not count, when an app assertion was presented. */
  readonly app?: { readonly problem: string | null };
}

const controlNames: Readonly<Record<GrantControl, string>> = {
  mfa: 'a second factor (authenticator app)',
  compliantDevice: 'a compliant, managed device',
  appProtection: 'an approved app with app protection',
};

function policyLine(policy: BlockedExplanation['policies'][number]): string {
  const needs = policy.blocks ? 'blocks sign-in under these conditions' : `requires ${policy.missingControls.map((c) => controlNames[c]).join(' and ')}`;
  return `<li><strong>${escapeHtml(policy.name)}</strong>: ${escapeHtml(needs)}</li>`;
}

function deviceFix(explanation: BlockedExplanation): string {
  const device = explanation.device;
  if (!device.known) {
    const problem = device.problem === null ? '' : `<p>${escapeHtml(device.problem)}</p>`;
    return `<h2>This device is not recognised</h2>${problem}<p>Ward could not identify this device as one your organisation manages. <a href="${escapeHtml(explanation.enrollUrl)}">Enroll this device in the Ward portal</a>, then try again from it.</p>`;
  }
  const rules = device.failingRules.map((r) => {
    const seen = r.actual === null ? 'not reported' : r.actual;
    const fix = r.remediation === '' ? '' : `<br>${escapeHtml(r.remediation)}`;
    return `<li><strong>${escapeHtml(r.title)}</strong> (needs ${escapeHtml(r.expected)}, this device: ${escapeHtml(seen)})${fix}</li>`;
  });
  const list = rules.length === 0 ? '<p>Ward has not yet finished checking this device. Wait a few minutes and try again.</p>' : `<p>Fix these, then try again:</p><ul>${rules.join('')}</ul>`;
  return `<h2>${escapeHtml(device.name)} does not meet your organisation's requirements</h2><p>Compliance state: ${escapeHtml(device.complianceState)}.</p>${list}`;
}

function appFix(explanation: BlockedExplanation): string {
  const problem = explanation.app?.problem ?? null;
  return problem === null
    ? '<h2>An approved app is required</h2><p>Open this service from your organisation\'s approved app instead of this browser.</p>'
    : `<h2>The app is not protected</h2><p>${escapeHtml(problem)}</p>`;
}

/**
 * The blocked sign-in page (issue 6 §6): which policy refused it and which control it lacks, how to
 * fix it (enroll this device; the failing compliance rules with their remediation text; set up an
 * authenticator), and two ways on: try again (after fixing) or give up, which returns
 * `access_denied` to the application.
 */
export function blockedPage(target: SignInFormTarget, explanation: BlockedExplanation): string {
  const missing = new Set(explanation.policies.flatMap((p) => p.missingControls));
  const fixes = [
    missing.has('compliantDevice') ? deviceFix(explanation) : '',
    missing.has('mfa') ? '<h2>A second factor is required</h2><p>Set up an authenticator app for your account (ask your administrator if you cannot), then try again.</p>' : '',
    missing.has('appProtection') ? appFix(explanation) : '',
    explanation.policies.some((p) => p.blocks) ? '<p>Your administrator blocks this sign-in; contact them if you need access.</p>' : '',
  ].join('');
  return page(
    'Sign-in blocked',
    `<h1>You cannot sign in from here</h1>${forApp(explanation.clientName)}<p role="alert">Your organisation's access policies refused this sign-in.</p>
<h2>Policies that apply</h2><ul>${explanation.policies.map(policyLine).join('')}</ul>${fixes}
<form method="post" action="${escapeHtml(target.action)}">${hidden(target, 'blocked')}
<p><button type="submit" name="action" value="retry" autofocus>Try again</button> ${cancelButton()}</p>
</form>`,
  );
}

/** A dead end (an expired or foreign interaction, a locked account): a heading and a sentence. */
export function messagePage(title: string, text: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(text)}</p>`);
}
