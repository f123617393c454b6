import type { PlistDict } from '../plist/plist-value.js';
import { commandReportEnvelopeKeys } from './decode-command-report.js';
import { commandSpec, type CommandRequestType } from './generated/commands.js';
import { validateAgainstSpec, type SpecValidation } from './validate-against-spec.js';

/** Whether `requestType` is a RequestType in Apple's schema (packages/apple/spec/mdm/commands). */
export function isCommandRequestType(requestType: string): requestType is CommandRequestType {
  return Object.hasOwn(commandSpec.roots, requestType);
}

/**
 * Checks a command report's dictionary (`CommandReport.result`) against the generated response
 * schema of the command's RequestType. The report envelope (Status, UDID, CommandUUID, ErrorChain …)
 * is neither checked here nor reported as unknown. Required response keys are insisted on only when
 * Status is Acknowledged: an Error or NotNow report carries no response.
 */
export function validateCommandResponse(requestType: string, dict: PlistDict): SpecValidation {
  if (!isCommandRequestType(requestType)) {
    return { ok: false, problems: [{ path: '', code: 'UNKNOWN_TYPE', message: `unknown RequestType ${JSON.stringify(requestType.slice(0, 64))}` }], unknownKeys: [] };
  }
  const response = commandSpec.roots[requestType].response;
  if (response === undefined) return { ok: true, unknownKeys: [] };
  const body: Record<string, PlistDict[string]> = {};
  for (const [key, value] of Object.entries(dict)) if (!commandReportEnvelopeKeys.includes(key)) body[key] = value;
  const validation = validateAgainstSpec({ table: commandSpec, root: response }, body);
  if (validation.ok || dict['Status'] === 'Acknowledged') return validation;
  const problems = validation.problems.filter((p) => !(p.code === 'REQUIRED_KEY_MISSING' && !/[.[]/.test(p.path)));
  return problems.length === 0 ? { ok: true, unknownKeys: validation.unknownKeys } : { ok: false, problems, unknownKeys: validation.unknownKeys };
}
