import type { AgentCommand, CommandResult } from '@ward/agent-protocol';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTempRoot, type TempRoot } from '../test-support/temp-root.js';
import { memoryLogger } from '../test-support/memory-logger.js';
import { createTestIdentity, type TestIdentity } from '../test-support/test-identity.js';
import { CommandInbox } from './command-inbox.js';
import type { CommandOutcome } from './command-outcome.js';
import { CommandProcessor, INTERRUPTED_ERROR } from './command-processor.js';
import { commandSigningKey } from './command-signing-key.js';
import { CompletedLedger } from './completed-ledger.js';
import { ResultOutbox } from './result-outbox.js';

describe('CommandProcessor', () => {
  let t: TestIdentity;
  let temp: TempRoot;
  let executed: string[];
  let delivered: CommandResult[];
  beforeAll(async () => {
    t = await createTestIdentity('device-1');
  });
  beforeEach(async () => {
    temp = await createTempRoot();
    executed = [];
    delivered = [];
  });
  afterEach(() => temp.remove());

  function processor(execute: (command: AgentCommand) => Promise<CommandOutcome> = () => Promise.resolve({ status: 'succeeded' })) {
    return new CommandProcessor({
      inbox: new CommandInbox(temp.paths.inboxDir),
      outbox: new ResultOutbox(temp.paths.outboxDir),
      ledger: new CompletedLedger(temp.paths.ledgerFile),
      deviceId: 'device-1',
      signingKey: commandSigningKey(t.identity.commandSigningKeyPem),
      execute: (command) => {
        executed.push(command.id);
        return execute(command);
      },
      onResult: (result) => delivered.push(result),
      log: memoryLogger(),
      clock: () => new Date(),
    });
  }

  it('runs a command once however often it is delivered, before and after its acknowledgement', async () => {
    const p = processor();
    const sync = t.command('sync');
    await p.accept([sync, sync]);
    await p.accept([sync]);
    await p.idle();
    expect(executed).toEqual([sync.id]);
    expect(delivered.map((r) => r.commandId)).toEqual([sync.id]);

    // The server acknowledged: the result leaves the outbox, its id goes to the ledger.
    await new CompletedLedger(temp.paths.ledgerFile).add([sync.id]);
    await new ResultOutbox(temp.paths.outboxDir).remove([sync.id]);
    const restarted = processor();
    await restarted.recover();
    await restarted.accept([sync]);
    await restarted.idle();
    expect(executed).toEqual([sync.id]);
  });

  it('reports a command that was running when the agent died, and does not run it again', async () => {
    const script = t.command('runScript', { interpreter: 'sh', script: 'echo once', timeoutSeconds: 5 });
    const inbox = new CommandInbox(temp.paths.inboxDir);
    await inbox.put(script, new Date());
    const [entry] = await inbox.list();
    await inbox.markStarted(entry!, new Date());

    const p = processor();
    await p.recover();
    await p.idle();
    expect(executed).toEqual([]);
    expect(await new ResultOutbox(temp.paths.outboxDir).list()).toEqual([expect.objectContaining({ commandId: script.id, status: 'failed', error: INTERRUPTED_ERROR })]);
    expect(await inbox.list()).toEqual([]);
    // The server redelivers it: still not run.
    await p.accept([script]);
    await p.idle();
    expect(executed).toEqual([]);
  });

  it('runs, after a restart, commands that were received but never started', async () => {
    const sync = t.command('sync');
    await new CommandInbox(temp.paths.inboxDir).put(sync, new Date());
    const p = processor();
    await p.recover();
    await p.idle();
    expect(executed).toEqual([sync.id]);
    expect(await new CommandInbox(temp.paths.inboxDir).list()).toEqual([]);
  });

  it('clears an inbox entry whose result was stored just before a crash', async () => {
    const sync = t.command('sync');
    await new CommandInbox(temp.paths.inboxDir).put(sync, new Date());
    await new ResultOutbox(temp.paths.outboxDir).put({ commandId: sync.id, status: 'succeeded', finishedAt: new Date().toISOString() });
    const p = processor();
    await p.recover();
    await p.idle();
    expect(executed).toEqual([]);
    expect(await new CommandInbox(temp.paths.inboxDir).list()).toEqual([]);
  });

  it('refuses forged and expired commands without running them', async () => {
    const forged = { ...t.command('runScript', { interpreter: 'sh', script: 'echo a', timeoutSeconds: 5 }), payload: { interpreter: 'sh', script: 'echo b', timeoutSeconds: 5 } };
    const expired = t.command('lock', {}, { expiresAt: new Date(Date.now() - 1) });
    const other = t.command('retire', {}, { deviceId: 'device-2' });
    const p = processor();
    await p.accept([forged, expired, other]);
    await p.idle();
    expect(executed).toEqual([]);
    const results = await new ResultOutbox(temp.paths.outboxDir).list();
    expect(Object.fromEntries(results.map((r) => [r.commandId, r.error]))).toEqual({ [forged.id]: 'signature invalid', [expired.id]: 'expired', [other.id]: 'signature invalid' });
  });

  it('reports a command that throws as failed', async () => {
    const p = processor(() => Promise.reject(new Error('disk full')));
    const sync = t.command('sync');
    await p.accept([sync]);
    await p.idle();
    expect(delivered).toEqual([expect.objectContaining({ commandId: sync.id, status: 'failed', error: 'the agent could not run the command: disk full' })]);
  });

  it('ignores new commands once retiring', async () => {
    const p = processor();
    p.stopAccepting();
    await p.accept([t.command('sync')]);
    await p.idle();
    expect(executed).toEqual([]);
    expect(await new CommandInbox(temp.paths.inboxDir).list()).toEqual([]);
  });
});
