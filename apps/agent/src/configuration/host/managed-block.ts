/**
 * Ward's block inside a file other software owns too (`/etc/login.defs`): delimited by marker
 * lines naming the profile, so re-applying replaces it in place and removing takes out exactly
 * those lines. `marker` must be a plain token (the profile's file stem).
 */
export function upsertManagedBlock(text: string, marker: string, body: readonly string[]): string {
  const block = [beginLine(marker), ...body, endLine(marker)];
  const lines = splitLines(text);
  const span = findBlock(lines, marker);
  if (span !== undefined) {
    lines.splice(span.start, span.end - span.start + 1, ...block);
    return joinLines(lines);
  }
  // Appended last: in login.defs and the PAM module configs the last setting of a key wins.
  return joinLines([...lines, ...block]);
}

/** `text` without Ward's block for `marker`; unchanged when there is none (or only half of one). */
export function removeManagedBlock(text: string, marker: string): string {
  const lines = splitLines(text);
  const span = findBlock(lines, marker);
  if (span === undefined) return text;
  lines.splice(span.start, span.end - span.start + 1);
  return joinLines(lines);
}

function beginLine(marker: string): string {
  return `# BEGIN Ward profile ${marker} (managed by the Ward agent; removed with the profile)`;
}

function endLine(marker: string): string {
  return `# END Ward profile ${marker}`;
}

function findBlock(lines: readonly string[], marker: string): { start: number; end: number } | undefined {
  const start = lines.indexOf(beginLine(marker));
  if (start < 0) return undefined;
  const end = lines.indexOf(endLine(marker), start + 1);
  return end < 0 ? undefined : { start, end };
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
