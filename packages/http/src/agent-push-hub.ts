/**
 * The part of a `ws` PushSocket the hub uses (declared rather than imported, so the hub can be tested
 * with plain objects). Listeners are called with the socket as `this`.
 */
export interface PushSocket {
  readonly readyState: number;
  on(event: 'pong', listener: (this: PushSocket) => void): unknown;
  once(event: 'close', listener: (this: PushSocket) => void): unknown;
  ping(): void;
  send(data: Buffer, options: { readonly binary: boolean }): void;
  close(code: number, reason: string): void;
  terminate(): void;
}

// ws's readyState of an open socket.
const open = 1;

// Sent for every wake-up; encoded once, not once per socket.
const wakeMessage = Buffer.from(JSON.stringify({ type: 'wake' }));

/** Close code for a socket that a newer connection of the same device replaced (private range). */
export const replacedCloseCode = 4000;

/**
 * The push sockets of this process, one per device. A wake-up for a device that is connected to
 * another process is that process's business: every process hears every `device.wake` through the
 * event bus and acts on its own sockets only.
 *
 * Memory per idle device is what `ws` needs plus one map entry: keepalive is one interval that
 * sweeps every socket rather than a timer each, and the pong and close listeners are shared
 * functions rather than closures per socket.
 */
export class AgentPushHub {
  readonly #sockets = new Map<string, PushSocket>();
  readonly #deviceOf = new WeakMap<PushSocket, string>();
  // Sockets pinged by the last sweep that have not answered yet.
  readonly #awaitingPong = new WeakSet<PushSocket>();
  readonly #timer: NodeJS.Timeout;
  // Listeners shared by every socket (`this` is the socket), so a connection costs no closures.
  readonly #onPong: (this: PushSocket) => void;
  readonly #onClose: (this: PushSocket) => void;

  constructor(pingIntervalMs: number) {
    const awaitingPong = this.#awaitingPong;
    this.#onPong = function onPong() {
      awaitingPong.delete(this);
    };
    const remove = (socket: PushSocket) => {
      this.#remove(socket);
    };
    this.#onClose = function onClose() {
      remove(this);
    };
    this.#timer = setInterval(() => {
      this.sweep();
    }, pingIntervalMs);
    // Keepalive alone must not hold a process open that is otherwise done.
    this.#timer.unref();
  }

  /** How many devices have a push socket on this process (for metrics). */
  get size(): number {
    return this.#sockets.size;
  }

  /** Whether a device has a push socket on this process. */
  has(deviceId: string): boolean {
    return this.#sockets.has(deviceId);
  }

  /** Takes a device's new socket; an older one of the same device (a half-dead link the device gave up on) is closed. */
  add(deviceId: string, socket: PushSocket): void {
    const previous = this.#sockets.get(deviceId);
    this.#sockets.set(deviceId, socket);
    this.#deviceOf.set(socket, deviceId);
    socket.on('pong', this.#onPong);
    socket.once('close', this.#onClose);
    if (previous !== undefined && previous !== socket) {
      this.#deviceOf.delete(previous);
      previous.close(replacedCloseCode, 'replaced by a newer connection');
    }
  }

  #remove(socket: PushSocket): void {
    const deviceId = this.#deviceOf.get(socket);
    // A replaced socket closing late must not remove its successor.
    if (deviceId !== undefined && this.#sockets.get(deviceId) === socket) this.#sockets.delete(deviceId);
    this.#deviceOf.delete(socket);
  }

  /** Tells a device connected here to check in; false when it is not connected here. */
  wake(deviceId: string): boolean {
    const socket = this.#sockets.get(deviceId);
    if (socket?.readyState !== open) return false;
    socket.send(wakeMessage, { binary: false });
    return true;
  }

  /**
   * One keepalive round: a socket that has not answered the previous ping is dead (a NAT or proxy
   * dropped it without a word) and is terminated; every other socket is pinged.
   */
  sweep(): void {
    for (const socket of this.#sockets.values()) {
      if (this.#awaitingPong.has(socket)) {
        socket.terminate();
        this.#remove(socket);
        continue;
      }
      this.#awaitingPong.add(socket);
      socket.ping();
    }
  }

  /** Stops keepalive and closes every socket (server shutdown); agents reconnect elsewhere. */
  close(): void {
    clearInterval(this.#timer);
    for (const socket of this.#sockets.values()) socket.close(1001, 'server shutting down');
    this.#sockets.clear();
  }
}
