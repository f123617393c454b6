import { el } from './element.js';

export interface PinFormOptions {
  /** `set`: choose a PIN (asked twice); `enter`: unlock with it. */
  readonly mode: 'set' | 'enter';
  readonly numeric: boolean;
  readonly minLength: number;
  /** Wrong PINs still allowed, shown before the user types. */
  readonly retriesLeft: number | null;
  /** Submits the PIN; answers the problem to show, or undefined when it was accepted. */
  submit(pin: string): Promise<string | undefined>;
}

/** The PIN gate of the work side: the SDK checks the PIN, this only asks for it. */
export function pinForm(options: PinFormOptions): HTMLElement {
  const setting = options.mode === 'set';
  const error = el('p', { id: 'pin-error', class: 'field-error', role: 'alert' });
  const field = (id: string): HTMLInputElement =>
    el('input', {
      id,
      name: id,
      type: 'password',
      required: true,
      minlength: String(setting ? options.minLength : 1),
      maxlength: '64',
      inputmode: options.numeric ? 'numeric' : undefined,
      pattern: options.numeric ? '[0-9]*' : undefined,
      autocomplete: setting ? 'new-password' : 'current-password',
      'aria-describedby': 'pin-error',
    });
  const pin = field('pin');
  const repeat = setting ? field('pin-repeat') : null;
  const button = el('button', { type: 'submit' }, setting ? 'Set PIN' : 'Unlock');
  const retries = options.retriesLeft === null || setting ? null : el('p', { 'data-testid': 'pin-retries' }, `${options.retriesLeft} ${options.retriesLeft === 1 ? 'try' : 'tries'} left before your organisation's rule applies.`);
  const intro = setting
    ? `Your organisation asks for a PIN to open work notes. Choose one of at least ${options.minLength} ${options.numeric ? 'digits' : 'characters'}.`
    : 'Enter your PIN to open work notes.';
  const form = el('form', {
    'aria-labelledby': 'pin-heading',
    // The SDK checks the PIN against the policy and says what is wrong; the browser's own bubbles would pre-empt it.
    novalidate: true,
    onsubmit: (event) => {
      event.preventDefault();
      if (repeat !== null && repeat.value !== pin.value) {
        error.textContent = 'The two PINs differ.';
        return;
      }
      button.disabled = true;
      void options.submit(pin.value).then((problem) => {
        button.disabled = false;
        if (problem === undefined) return;
        // The problem says how many tries are left now; the count from before would contradict it.
        retries?.remove();
        error.textContent = problem;
        pin.value = '';
        if (repeat !== null) repeat.value = '';
        pin.setAttribute('aria-invalid', 'true');
        pin.focus();
      });
    },
  },
    el('h3', { id: 'pin-heading' }, setting ? 'Choose a PIN' : 'Enter your PIN'),
    el('p', {}, intro),
    el('p', {}, el('label', { for: 'pin' }, setting ? 'New PIN' : 'PIN'), el('br'), pin),
    repeat === null ? null : el('p', {}, el('label', { for: 'pin-repeat' }, 'Repeat the PIN'), el('br'), repeat),
    retries,
    error,
    el('p', {}, button),
  );
  queueMicrotask(() => { pin.focus(); });
  return form;
}
