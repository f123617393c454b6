import type { SoftwareEntry } from '@ward/agent-protocol';
import { clipText } from './clip-text.js';

/**
 * A `SoftwareEntry` that fits the protocol's field limits (name 256, version 128, source 32), or
 * null for an entry without a name. Control characters are dropped so a hostile package name
 * cannot forge lines in logs or the console.
 */
export function softwareEntryFrom(name: string, version: string, source: string): SoftwareEntry | null {
  const cleanName = clipText(stripControl(name).trim(), 256);
  if (cleanName === '') return null;
  return { name: cleanName, version: clipText(stripControl(version).trim(), 128), source: clipText(source, 32) };
}

function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f]/g, '');
}
