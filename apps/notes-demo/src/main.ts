import './styles.css';
import { IndexedDbStorage, WardSdk, type WipeReason } from '@ward/sdk';
import { loadDemoConfig, type DemoConfig } from './config.js';
import { forgetCorporateAccount, loadCorporateAccount, saveCorporateAccount } from './notes/corporate-account.js';
import { createDataStoreNotes } from './notes/data-store-notes.js';
import { takePendingSignIn } from './oidc/begin-sign-in.js';
import { completeSignIn, readCallback, type CorporateAccount, type SignedIn } from './oidc/complete-sign-in.js';
import { showBanner } from './ui/banner.js';
import { el } from './ui/element.js';
import { messageOf, notesPanel } from './ui/notes-section.js';
import { createWorkSide } from './ui/work-side.js';

/** The demo's own version, as its package.json says: conditional launch compares it with the policy's minimum. */
const appVersion = '0.1.0';

/** Redeems the provider's answer at `/callback`, then leaves the URL (the code is single-use). */
async function finishSignIn(config: DemoConfig): Promise<SignedIn | string> {
  const url = new URL(location.href);
  history.replaceState(null, '', '/');
  const pending = takePendingSignIn();
  const callback = readCallback(url, pending);
  if (!callback.ok) return callback.problem;
  if (pending === undefined) return 'No sign-in was started in this tab.';
  try {
    return await completeSignIn(config, callback.code, pending);
  } catch (cause) {
    return `The sign-in failed: ${messageOf(cause)}`;
  }
}

const wipeText: Readonly<Record<WipeReason, string>> = {
  adminWipe: 'Your organisation removed its data from Ward Notes on this device. Your personal notes are untouched.',
  registrationWiped: 'Your organisation removed its data from Ward Notes on this device. Your personal notes are untouched.',
  pinRetriesExceeded: 'Too many wrong PINs: work notes were removed from this device. Your personal notes are untouched.',
  offlineTooLong: 'Ward Notes was offline too long: work notes were removed from this device. Your personal notes are untouched.',
  jailbroken: 'This device is jailbroken or rooted: work notes were removed from it. Your personal notes are untouched.',
  accountChanged: 'Another work account signed in: the previous account\'s work notes were removed from this device.',
};

async function boot(): Promise<void> {
  const config = await loadDemoConfig();
  const main = document.getElementById('app');
  if (main === null) throw new Error('index.html has no #app');

  let signedIn: SignedIn | undefined;
  if (location.pathname === '/callback') {
    const outcome = await finishSignIn(config);
    if (typeof outcome === 'string') showBanner('error', outcome);
    else {
      signedIn = outcome;
      saveCorporateAccount(localStorage, outcome.account);
    }
  }
  let account: CorporateAccount | undefined = signedIn?.account ?? loadCorporateAccount(localStorage);
  // The access token lives in memory only: the SDK needs it to register, never afterwards.
  let accessToken: string | null = signedIn?.accessToken ?? null;

  const sdk = await WardSdk.start({
    serverUrl: config.wardUrl,
    appId: config.appId,
    appVersion,
    getAccessToken: () => accessToken,
    storage: await IndexedDbStorage.open(),
    ...(account === undefined ? {} : { corporateAccountId: account.sub }),
    onWipe: (reason) => {
      // The SDK erased the corporate store; this app keeps no other work data. A change of
      // account wipes the previous one's data while the new one is signing in: keep the new one.
      if (reason !== 'accountChanged') {
        accessToken = null;
        account = undefined;
        forgetCorporateAccount(localStorage);
      }
      showBanner('wiped', wipeText[reason]);
    },
  });
  if (signedIn !== undefined && !sdk.state().registered) await sdk.register();
  // Both identities are on screen, each section marked: unmarked page furniture is not corporate.
  sdk.setIdentity('personal');
  sdk.installDomGuards(document);

  const work = createWorkSide({ config, sdk, account: () => account });
  const personal = el('section', { 'data-ward-identity': 'personal', 'aria-labelledby': 'personal-heading' },
    el('h2', { id: 'personal-heading' }, 'Personal notes'),
    el('p', {}, 'Your own notes, kept apart from work notes: your organisation neither reads, restricts nor removes them.'),
    notesPanel({
      identity: 'personal',
      noun: 'personal note',
      store: createDataStoreNotes(sdk.personalStore),
      copy: async (text) => ((await sdk.clipboard.copy(text, { identity: 'personal' })).ok ? 'Copied to the clipboard.' : 'The clipboard is not available.'),
    }),
  );
  main.replaceChildren(work.element, personal);
  sdk.subscribe(() => { work.update(); });
}

boot().catch((cause: unknown) => {
  showBanner('error', `Ward Notes could not start: ${messageOf(cause)}`);
});
