/**
 * Whether `token` is a device token as APNs takes it in `/3/device/<token>`: hex text of a whole
 * number of bytes. MDM tokens are 32 bytes (64 hex digits); Apple warns tokens may grow, so up to
 * 200 bytes are accepted.
 */
export function isApnsDeviceToken(token: string): boolean {
  return token.length >= 2 && token.length <= 400 && token.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(token);
}
