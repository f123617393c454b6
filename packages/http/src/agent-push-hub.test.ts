import { afterEach, describe, expect, it } from 'vitest';
import { AgentPushHub, replacedCloseCode, type PushSocket } from './agent-push-hub.js';

/** A socket that records what the hub does to it; `pong()` and `closeNow()` play the peer. */
class FakeSocket implements PushSocket {
  readyState = 1;
  readonly sent: string[] = [];
  pings = 0;
  closedWith: number | undefined;
  terminated = false;
  #onPong: ((this: PushSocket) => void) | undefined;
  #onClose: ((this: PushSocket) => void) | undefined;

  on(_event: 'pong', listener: (this: PushSocket) => void): void {
    this.#onPong = listener;
  }
  once(_event: 'close', listener: (this: PushSocket) => void): void {
    this.#onClose = listener;
  }
  ping(): void {
    this.pings += 1;
  }
  send(data: Buffer): void {
    this.sent.push(data.toString());
  }
  close(code: number): void {
    this.closedWith = code;
    this.closeNow();
  }
  terminate(): void {
    this.terminated = true;
    this.closeNow();
  }
  pong(): void {
    this.#onPong?.call(this);
  }
  closeNow(): void {
    this.readyState = 3;
    this.#onClose?.call(this);
  }
}

let hub: AgentPushHub;
afterEach(() => {
  hub.close();
});

describe('AgentPushHub', () => {
  it('wakes the one socket of a device, and only while it is open', () => {
    hub = new AgentPushHub(60_000);
    const a = new FakeSocket();
    const b = new FakeSocket();
    hub.add('device-a', a);
    hub.add('device-b', b);
    expect(hub.size).toBe(2);
    expect(hub.wake('device-a')).toBe(true);
    expect(hub.wake('device-c')).toBe(false);
    expect(a.sent).toEqual(['{"type":"wake"}']);
    expect(b.sent).toEqual([]);
    a.closeNow();
    expect(hub.size).toBe(1);
    expect(hub.wake('device-a')).toBe(false);
  });

  it('replaces the older socket of a device that connects again', () => {
    hub = new AgentPushHub(60_000);
    const old = new FakeSocket();
    const fresh = new FakeSocket();
    hub.add('device-a', old);
    hub.add('device-a', fresh);
    expect(old.closedWith).toBe(replacedCloseCode);
    // The old socket's late close must not drop the new one.
    expect(hub.has('device-a')).toBe(true);
    hub.wake('device-a');
    expect(fresh.sent).toHaveLength(1);
    expect(old.sent).toHaveLength(0);
  });

  it('pings every socket each sweep and drops one that missed a pong', () => {
    hub = new AgentPushHub(60_000);
    const alive = new FakeSocket();
    const dead = new FakeSocket();
    hub.add('alive', alive);
    hub.add('dead', dead);
    hub.sweep();
    expect([alive.pings, dead.pings]).toEqual([1, 1]);
    alive.pong();
    hub.sweep();
    expect(alive.pings).toBe(2);
    expect(dead.terminated).toBe(true);
    expect(hub.has('dead')).toBe(false);
    expect(hub.size).toBe(1);
  });

  it('closes every socket on shutdown', () => {
    hub = new AgentPushHub(60_000);
    const socket = new FakeSocket();
    hub.add('device-a', socket);
    hub.close();
    expect(socket.closedWith).toBe(1001);
    expect(hub.size).toBe(0);
  });
});
