import { inventoryLimits } from './inventory-limits.js';

/**
 * Cuts `value` to at most `max` UTF-16 code units without leaving half a surrogate pair, so a
 * hostile field cannot inflate the report and the result is still well-formed text.
 */
export function clipText(value: string, max: number = inventoryLimits.maxFieldChars): string {
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
