import { clipText } from '../clip-text.js';
import { available, unavailable, type SectionResult } from '../section-result.js';

/** What `sw_vers` prints. */
export type MacosVersion = {
  /** "macOS" (11 on), "Mac OS X" before. */
  productName: string | null;
  /** e.g. "14.4.1". */
  productVersion: string;
  /** Rapid Security Response suffix, e.g. "(c)"; null when none is installed. */
  productVersionExtra: string | null;
  /** e.g. "23E224". */
  buildVersion: string | null;
};

/** Parses `sw_vers`: "Key:" then tabs then the value, one per line. */
export function parseSwVers(text: string): SectionResult<MacosVersion> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z]+):\s*(.*?)\s*$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined && match[2] !== '') values.set(match[1], clipText(match[2]));
  }
  const productVersion = values.get('ProductVersion');
  if (productVersion === undefined) return unavailable('sw_vers printed no ProductVersion');
  return available({
    productName: values.get('ProductName') ?? null,
    productVersion,
    productVersionExtra: values.get('ProductVersionExtra') ?? null,
    buildVersion: values.get('BuildVersion') ?? null,
  });
}
