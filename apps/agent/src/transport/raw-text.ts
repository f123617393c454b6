import type WebSocket from 'ws';

/** The bytes of a received WebSocket message, however `ws` delivered them (Buffer, fragments, ArrayBuffer). */
export function rawBytes(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** A received WebSocket message as UTF-8 text. */
export function rawText(data: WebSocket.RawData): string {
  return rawBytes(data).toString('utf8');
}
