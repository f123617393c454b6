/**
 * The numeric parts of a version ("14.2.1" → [14, 2, 1]), read as `compareVersions` reads them:
 * each dot-separated part's leading integer, 0 when it has none. Done once when a policy is
 * compiled, so evaluation compares without splitting strings.
 */
export function versionParts(version: string): number[] {
  return version.split('.').map((p) => Number.parseInt(p, 10) || 0);
}

function isWhiteSpace(c: number): boolean {
  // What parseInt skips before a number: ECMAScript WhiteSpace and LineTerminator.
  return (c >= 9 && c <= 13) || c === 32 || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Compares a version text with pre-split parts, exactly as `compareVersions(actual, parts.join('.'))`
 * would (a missing part counts as 0, "17" == "17.0"), but without allocating: this runs once per
 * version rule per device in evaluation's hot loop. Returns -1, 0 or 1.
 */
export function compareVersionToParts(actual: string, parts: readonly number[]): number {
  const n = actual.length;
  let i = 0;
  let index = 0;
  for (;;) {
    let j = i;
    while (j < n && isWhiteSpace(actual.charCodeAt(j))) j++;
    let sign = 1;
    const first = actual.charCodeAt(j);
    if (first === 45) {
      sign = -1;
      j++;
    } else if (first === 43) j++;
    let value = 0;
    let digits = 0;
    while (j < n) {
      const c = actual.charCodeAt(j);
      if (c < 48 || c > 57) break;
      value = value * 10 + (c - 48);
      digits++;
      j++;
    }
    const v = digits === 0 ? 0 : sign * value;
    while (j < n && actual.charCodeAt(j) !== 46) j++;
    const d = v - (parts[index] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
    index++;
    if (j >= n) break;
    i = j + 1;
  }
  for (; index < parts.length; index++) {
    const e = parts[index] ?? 0;
    if (e !== 0) return e > 0 ? -1 : 1;
  }
  return 0;
}
