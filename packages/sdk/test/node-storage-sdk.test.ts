import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeFileStorage } from '../src/node.js';
import { harness } from './sdk-harness.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('the SDK on NodeFileStorage', () => {
  it('keeps its key as a JWK file, encrypts corporate data, and reopens it after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ward-sdk-node-'));
    dirs.push(dir);
    const h = await harness();
    let sdk = await h.start({ storage: await NodeFileStorage.open(join(dir, 's')) });
    await sdk.setPin('2580');
    await sdk.corporateStore.set('board-minutes', 'Layoffs planned for March');
    await sdk.personalStore.set('diary', 'Dear diary');
    const files = await readdir(join(dir, 's'));
    for (const f of files) {
      const bytes = await readFile(join(dir, 's', f));
      expect((await stat(join(dir, 's', f))).mode & 0o777).toBe(0o600);
      expect(bytes.toString('latin1')).not.toContain('Layoffs');
      expect(bytes.toString('latin1')).not.toContain('board-minutes');
    }
    sdk.stop();
    sdk = await h.start({ storage: await NodeFileStorage.open(join(dir, 's')) });
    expect(h.peer.registerCalls).toHaveLength(1); // the same registration and key, from the files
    expect(h.peer.checkIns.at(-1)!.status).toBe(200);
    expect(await sdk.unlock('2580')).toEqual({ ok: true });
    expect(await sdk.corporateStore.get('board-minutes')).toBe('Layoffs planned for March');
    expect(await sdk.personalStore.get('diary')).toBe('Dear diary');
  });
});
