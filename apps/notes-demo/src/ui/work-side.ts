import type { WardSdk } from '@ward/sdk';
import type { DemoConfig } from '../config.js';
import { createDataStoreNotes } from '../notes/data-store-notes.js';
import type { CorporateAccount } from '../oidc/complete-sign-in.js';
import { blockReasonText, sameWorkView, setPinProblem, unlockProblem, workViewOf, type WorkView } from '../work/work-view.js';
import { hideBanner, showBanner } from './banner.js';
import { el } from './element.js';
import { messageOf, notesPanel } from './notes-section.js';
import { pinForm } from './pin-view.js';
import { signInView } from './sign-in-view.js';

export interface WorkSideOptions {
  readonly config: DemoConfig;
  readonly sdk: WardSdk;
  /** The signed-in corporate account, for the label; undefined after a wipe. */
  account(): CorporateAccount | undefined;
}

/** The work side of the page and the function that brings it up to date with the SDK's state. */
export interface WorkSide {
  readonly element: HTMLElement;
  update(): void;
}

/** What a copy of work text did, in the user's words. */
async function copyWorkText(sdk: WardSdk, text: string): Promise<string> {
  const outcome = await sdk.clipboard.copy(text, { identity: 'corporate' });
  if (!outcome.ok) return 'The clipboard is not available.';
  if (outcome.destination === 'system') return 'Copied to the clipboard.';
  return 'Your organisation does not allow work notes to be copied to other apps. The text is kept for pasting into work notes here.';
}

/**
 * The section of corporate notes. Everything it shows follows from `sdk.state()`: the sign-in, the
 * PIN gate, a block, or the notes, which live only in `sdk.corporateStore`.
 */
export function createWorkSide(options: WorkSideOptions): WorkSide {
  const { sdk } = options;
  const who = el('p', { class: 'account', 'data-testid': 'work-account' });
  const body = el('div', { 'data-testid': 'work-body' });
  const element = el('section', { 'data-ward-identity': 'corporate', 'aria-labelledby': 'work-heading' },
    el('h2', { id: 'work-heading' }, 'Work notes'),
    who,
    body,
  );
  let shown: WorkView | undefined;

  const toolbar = (): HTMLElement => {
    const status = el('p', { role: 'status', 'data-testid': 'work-toolbar-status' });
    return el('div', { class: 'note-actions toolbar' },
      el('button', { type: 'button', onclick: () => { sdk.lock(); } }, 'Lock'),
      el('button', {
        type: 'button',
        onclick: () => {
          status.textContent = 'Checking in…';
          void sdk.checkInNow().then((result) => {
            status.textContent = result.ok ? 'Checked in with your organisation.' : `The check-in failed: ${result.message}`;
          });
        },
      }, 'Check in now'),
      el('button', {
        type: 'button',
        onclick: () => {
          if (sdk.canPrint({ identity: 'corporate' })) window.print();
          else status.textContent = 'Your organisation does not allow work notes to be printed.';
        },
      }, 'Print'),
      status,
    );
  };

  const render = (view: WorkView): HTMLElement => {
    switch (view.kind) {
      case 'signIn':
        return signInView(options.config, view.problem);
      case 'setPin':
        return pinForm({ mode: 'set', numeric: view.numeric, minLength: view.minLength, retriesLeft: null, submit: async (pin) => setPinProblem(await sdk.setPin(pin), view.minLength) });
      case 'enterPin':
        return pinForm({ mode: 'enter', numeric: view.numeric, minLength: 1, retriesLeft: view.retriesLeft, submit: async (pin) => unlockProblem(await sdk.unlock(pin)) });
      case 'unlocking':
        void sdk.unlock().then((result) => {
          const problem = unlockProblem(result);
          if (problem !== undefined) showBanner('blocked', problem);
        });
        return el('p', {}, 'Opening work notes…');
      case 'blocked':
        return el('div', {},
          el('p', {}, 'Work notes are not available on this device:'),
          el('ul', { 'data-testid': 'block-reasons' }, ...view.reasons.map((r) => el('li', { 'data-reason': r }, blockReasonText[r]))),
          toolbar(),
        );
      case 'notes':
        return el('div', {},
          toolbar(),
          notesPanel({ identity: 'corporate', noun: 'work note', store: createDataStoreNotes(sdk.corporateStore), copy: (text) => copyWorkText(sdk, text) }),
        );
    }
  };

  const update = (): void => {
    const state = sdk.state();
    const account = options.account();
    who.textContent = state.registered && account !== undefined ? `Signed in as ${account.name ?? account.email ?? account.sub}${account.name !== null && account.email !== null ? ` (${account.email})` : ''}.` : '';
    const view = workViewOf(state);
    if (shown !== undefined && sameWorkView(shown, view)) return;
    shown = view;
    if (view.kind === 'blocked') showBanner('blocked', view.reasons.map((r) => blockReasonText[r]).join(' '));
    else if (document.getElementById('banner')?.dataset.kind === 'blocked') hideBanner();
    try {
      body.replaceChildren(render(view));
    } catch (cause) {
      body.replaceChildren(el('p', { class: 'field-error' }, messageOf(cause)));
    }
  };

  update();
  return { element, update };
}
