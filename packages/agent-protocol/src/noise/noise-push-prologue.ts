const prologueLabel = 'ward-agent-push/1';

/**
 * The handshake prologue: UTF-8 `ward-agent-push/1` ‖ 0x00 ‖ the ticket's base64url text. Binding
 * the ticket means a handshake only completes for the device the server looked the ticket up for,
 * even though the ticket travels outside the encrypted channel.
 */
export function noisePushPrologue(ticket: string): Buffer {
  return Buffer.concat([Buffer.from(prologueLabel, 'utf8'), Buffer.of(0), Buffer.from(ticket, 'utf8')]);
}
