import { describe, expect, it } from 'vitest';
import { createProgressReporter } from './progress-reporter.js';

function fake(isTTY: boolean): { out: string[]; stream: { isTTY: boolean; write: (t: string) => void } } {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (t: string) => void out.push(t) } };
}

describe('createProgressReporter', () => {
  it('redraws one line on a terminal, throttled', () => {
    let t = 0;
    const { out, stream } = fake(true);
    const progress = createProgressReporter('Importing users', { stream, total: 2000, unit: 'rows', now: () => t });
    for (let i = 1; i <= 2000; i += 1) {
      t += 1;
      progress.update(i);
    }
    progress.finish('Imported 2,000 users.');
    expect(out.length).toBeLessThan(30);
    expect(out[0]).toBe('\r\x1b[2KImporting users: 1/2,000 rows (0%)');
    expect(out.slice(-3)).toEqual(['\r\x1b[2KImporting users: 2,000/2,000 rows (100%)', '\n', 'Imported 2,000 users.\n']);
  });

  it('prints whole lines at most every interval elsewhere', () => {
    let t = 0;
    const { out, stream } = fake(false);
    const progress = createProgressReporter('Backing up', { stream, unit: 'pages', now: () => t });
    for (let i = 1; i <= 10; i += 1) {
      t += 500;
      progress.update(i * 10);
    }
    progress.finish();
    expect(out).toEqual(['Backing up: 10 pages\n', 'Backing up: 50 pages\n', 'Backing up: 90 pages\n', 'Backing up: 100 pages\n']);
  });
});
