import { protocolLimits } from '@ward/agent-protocol';

/** The interpreters a script may name. */
export const scriptInterpreters = ['sh', 'bash', 'zsh', 'powershell'] as const;
/** One of {@link scriptInterpreters}. */
export type ScriptInterpreter = (typeof scriptInterpreters)[number];

/** A `runScript` payload, checked. */
export interface ScriptPayload {
  readonly interpreter: ScriptInterpreter;
  readonly script: string;
  readonly timeoutSeconds: number;
}

/** Longest time limit the agent accepts for a script: a day. */
export const MAX_SCRIPT_TIMEOUT_SECONDS = 86_400;

/** Checks a `runScript` payload: `{ interpreter, script, timeoutSeconds }`. */
export function parseScriptPayload(payload: Readonly<Record<string, unknown>>): { ok: true; value: ScriptPayload } | { ok: false; error: string } {
  const { interpreter, script, timeoutSeconds } = payload;
  if (typeof interpreter !== 'string' || !(scriptInterpreters as readonly string[]).includes(interpreter)) return { ok: false, error: `invalid payload: interpreter must be one of ${scriptInterpreters.join(', ')}` };
  if (typeof script !== 'string' || script.trim() === '') return { ok: false, error: 'invalid payload: script must be non-empty text' };
  if (Buffer.byteLength(script, 'utf8') > protocolLimits.scriptBytes) return { ok: false, error: `invalid payload: script exceeds ${protocolLimits.scriptBytes} bytes` };
  if (typeof timeoutSeconds !== 'number' || !Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > MAX_SCRIPT_TIMEOUT_SECONDS) {
    return { ok: false, error: `invalid payload: timeoutSeconds must be a whole number from 1 to ${MAX_SCRIPT_TIMEOUT_SECONDS}` };
  }
  return { ok: true, value: { interpreter: interpreter as ScriptInterpreter, script, timeoutSeconds } };
}
