/**
 * Compares versions by their leading dotted numbers (`1.2.0-beta` counts as 1.2.0, missing parts
 * as 0): negative when `a` is lower. A version with no leading number counts as 0, the lowest.
 */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (/^\d+(\.\d+)*/.exec(v)?.[0] ?? '0').split('.').map((p) => Number(p.slice(0, 15)));
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
