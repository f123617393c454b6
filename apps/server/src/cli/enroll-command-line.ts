import QRCode from 'qrcode';

// Characters that POSIX shells, cmd and PowerShell all take literally outside quotes. Every token,
// URL and fingerprint Ward makes fits; anything else is single-quoted (POSIX style).
const shellSafe = /^[A-Za-z0-9._:/@%+=,-]+$/;

function shellWord(text: string): string {
  return shellSafe.test(text) ? text : `'${text.replaceAll("'", `'"'"'`)}'`;
}

/**
 * The one line that enrolls a device: `ward-agent enroll --server URL --token TOKEN
 * --ca-fingerprint FP`. The same form the API's `enrollCommand` returns, so the console, the API
 * and the CLI print the same thing.
 */
export function enrollCommandLine(serverUrl: string, token: string, caFingerprint: string): string {
  return ['ward-agent', 'enroll', '--server', shellWord(serverUrl.replace(/\/+$/, '')), '--token', shellWord(token), '--ca-fingerprint', shellWord(caFingerprint)].join(' ');
}

/**
 * `text` as a QR code drawn with half-block characters, two modules per character row: a phone
 * camera reads it off the terminal. Error correction L keeps a 200-character command small enough
 * for an 80-column terminal; a screen does not smudge.
 */
export function terminalQrCode(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
}
