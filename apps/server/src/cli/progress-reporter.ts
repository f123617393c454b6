/** Where progress is written: standard error, normally. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Reports how far a long operation has come. */
export interface ProgressReporter {
  /** `done` units of `total` (when known) are finished. Cheap to call per row: output is throttled. */
  update(done: number, total?: number): void;
  /** The operation ended; prints the final state and, when given, a summary line. */
  finish(summary?: string): void;
}

/** How progress is shown. */
export interface ProgressOptions {
  readonly stream?: ProgressStream;
  readonly total?: number;
  /** What is counted: `rows`, `pages`, `migrations`. */
  readonly unit?: string;
  readonly now?: () => number;
  /** Least time between two outputs; 100 ms on a terminal, 2 s otherwise. */
  readonly intervalMs?: number;
}

const format = (n: number): string => n.toLocaleString('en-US');

/**
 * A progress line for CLI operations a person waits on. On a terminal it redraws one line in
 * place; elsewhere (CI logs, pipes) it prints a new line at most every two seconds, so logs show
 * progress without being flooded.
 */
export function createProgressReporter(label: string, options: ProgressOptions = {}): ProgressReporter {
  const stream = options.stream ?? process.stderr;
  const tty = stream.isTTY === true;
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? (tty ? 100 : 2000);
  const unit = options.unit === undefined ? '' : ` ${options.unit}`;
  let total = options.total;
  let done = 0;
  let last = Number.NEGATIVE_INFINITY;
  let finished = false;
  let drawn = '';

  const line = (): string => {
    if (total === undefined || total <= 0) return `${label}: ${format(done)}${unit}`;
    const percent = Math.floor((Math.min(done, total) / total) * 100);
    return `${label}: ${format(done)}/${format(total)}${unit} (${percent}%)`;
  };
  const draw = (): void => {
    const text = line();
    // A repeat of the last output says nothing new (the final state is often already shown).
    if (text === drawn) return;
    drawn = text;
    stream.write(tty ? `\r\x1b[2K${text}` : `${text}\n`);
  };

  return {
    update(value: number, newTotal?: number): void {
      done = value;
      if (newTotal !== undefined) total = newTotal;
      const t = now();
      if (t - last < interval) return;
      last = t;
      draw();
    },
    finish(summary?: string): void {
      if (finished) return;
      finished = true;
      draw();
      if (tty && drawn !== '') stream.write('\n');
      if (summary !== undefined) stream.write(`${summary}\n`);
    },
  };
}
