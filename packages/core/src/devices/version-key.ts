/**
 * A text key that sorts OS versions correctly as strings ("10.2" before "10.10"): each numeric part
 * zero-padded to 10 digits, joined by dots. Non-numeric suffixes ("17.4 (21E219)", "22H2") keep
 * their leading digits; a version with no digits at all has no key.
 */
export function versionKey(version: string): string | null {
  const parts = version.trim().split(/[.\s]/, 8);
  const keyed: string[] = [];
  for (const part of parts) {
    const digits = /^\d+/.exec(part)?.[0];
    if (digits === undefined) break;
    keyed.push(digits.slice(0, 10).padStart(10, '0'));
  }
  return keyed.length === 0 ? null : keyed.join('.');
}

/** Compares two versions part by part; a missing part counts as 0 ("17" == "17.0"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
