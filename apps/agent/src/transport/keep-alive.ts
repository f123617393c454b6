import type WebSocket from 'ws';

// Idle connections are checked with a ping this often; no pong by the next ping means a dead link
// (a NAT or proxy that dropped it silently), which would otherwise lose every wake-up unnoticed.
const PING_EVERY_MS = 60_000;

/**
 * Pings an open push socket every minute; when neither a pong nor a message came since the last
 * ping, calls `onSilent` (once) so the caller drops the socket and reconnects. Pings are WebSocket
 * control frames, outside whatever secures the messages. Returns the function that stops it.
 */
export function keepAlive(socket: WebSocket, onSilent: () => void, everyMs = PING_EVERY_MS): () => void {
  let alive = true;
  const heard = (): void => {
    alive = true;
  };
  socket.on('pong', heard);
  socket.on('message', heard);
  const timer = setInterval(() => {
    if (!alive) {
      stop();
      onSilent();
      return;
    }
    alive = false;
    socket.ping();
  }, everyMs);
  function stop(): void {
    clearInterval(timer);
    socket.off('pong', heard);
    socket.off('message', heard);
  }
  return stop;
}
