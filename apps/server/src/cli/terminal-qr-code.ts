import QRCode from 'qrcode';

/**
 * `text` as a QR code drawn with half-block characters, two modules per character row: a phone
 * camera reads it off the terminal. Error correction L keeps a 200-character command small enough
 * for an 80-column terminal; a screen does not smudge.
 */
export function terminalQrCode(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
}
