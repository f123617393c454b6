import QRCode from 'qrcode';

/** Where agents reach the server and which root they pin: what an enroll command line needs. */
export interface EnrollCommandSettings {
  readonly publicUrl: string;
  readonly caFingerprint: string;
}

const fingerprintPattern = /^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/;

// Characters a POSIX shell and PowerShell both take literally outside quotes.
const shellSafe = /^[A-Za-z0-9._:/@%+=,-]+$/;

function shellWord(text: string): string {
  return shellSafe.test(text) ? text : `'${text.replaceAll("'", `'"'"'`)}'`;
}

/**
 * The settings, checked once when the API is built: a URL the agent can use (https, no query or
 * credentials) and a SHA-256 fingerprint in the colon hex form the agent compares. A mistake here
 * would otherwise surface only when someone runs the printed command on a device.
 *
 * @throws Error when either is malformed.
 */
export function enrollCommandSettings(publicUrl: string, caFingerprint: string): EnrollCommandSettings {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch (error) {
    throw new Error(`publicUrl ${publicUrl} is not a URL`, { cause: error });
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new Error(`publicUrl must be an https URL without credentials, query or fragment; got ${publicUrl}`);
  }
  const fingerprint = caFingerprint.trim().toUpperCase();
  if (!fingerprintPattern.test(fingerprint)) throw new Error('caFingerprint must be a SHA-256 fingerprint in colon hex (AB:CD:…, 32 bytes)');
  return { publicUrl: url.href.replace(/\/+$/, ''), caFingerprint: fingerprint };
}

/** The one-line command that enrolls a device with `token`. */
export function enrollCommand(settings: EnrollCommandSettings, token: string): string {
  return ['ward-agent', 'enroll', '--server', shellWord(settings.publicUrl), '--token', shellWord(token), '--ca-fingerprint', settings.caFingerprint].join(' ');
}

/** `text` as an SVG QR code, for a phone camera or a printed enrollment sheet. */
export function qrSvg(text: string): Promise<string> {
  // M (15 % recovery) keeps a 200-character command at a size a laptop screen shows crisply.
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
