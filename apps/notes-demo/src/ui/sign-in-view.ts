import type { DemoConfig } from '../config.js';
import { beginSignIn } from '../oidc/begin-sign-in.js';
import { el } from './element.js';
import { messageOf } from './notes-section.js';

/** The work side before sign-in: why (after a wipe or a refusal), and one button to Ward's sign-in pages. */
export function signInView(config: DemoConfig, problem: string | null): HTMLElement {
  const status = el('p', { role: 'status' });
  return el('div', {},
    problem === null ? null : el('p', { class: 'field-error', 'data-testid': 'work-problem' }, problem),
    el('p', {}, 'Sign in with your work account to read and write your organisation\'s notes. Your organisation protects them: a PIN, encryption on this device, and limits on copying them out.'),
    el('button', {
      type: 'button',
      onclick: () => {
        status.textContent = 'Going to your organisation\'s sign-in page…';
        beginSignIn(config).catch((cause: unknown) => { status.textContent = `Could not start the sign-in: ${messageOf(cause)}`; });
      },
    }, 'Sign in with your work account'),
    status,
  );
}
