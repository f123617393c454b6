import type { CustomPayload } from '@ward/agent-protocol';
import { configurationLimits } from '@ward/agent-protocol';
import { failedOutcome, notApplicableOutcome, type ProfileOutcome } from '../profile-outcome.js';
import { customFilePathProblem, parseCustomFileMode } from './custom-file-path.js';
import type { LinuxApplyContext } from './linux-apply-context.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * A custom Linux profile: exactly one file, exactly as given. The content it replaces is kept so
 * removing the profile puts it back; a path another profile already manages is refused (two owners
 * could not both restore it). Payloads for macOS and Windows are not applicable here.
 */
export async function applyCustomFile(ctx: LinuxApplyContext, payload: CustomPayload): Promise<ProfileOutcome> {
  if (payload.platform !== 'linux') return notApplicableOutcome(`this custom profile is a ${payload.platform} ${payload.format} payload; it does not apply to Linux`);
  const problem = customFilePathProblem(payload.path);
  if (problem !== undefined) return failedOutcome(`payload/path: ${problem}`);
  const mode = parseCustomFileMode(payload.mode);
  if (typeof mode === 'string') return failedOutcome(`payload/mode: ${mode}`);
  if (!BASE64.test(payload.contentBase64)) return failedOutcome('payload/contentBase64 is not base64');
  const content = Buffer.from(payload.contentBase64, 'base64');
  if (content.length > configurationLimits.customFileBytes) return failedOutcome(`payload/contentBase64: a custom file is at most ${configurationLimits.customFileBytes} bytes`);
  const owner = ctx.placedFileOwner(payload.path);
  if (owner !== undefined) return failedOutcome(`payload/path: ${payload.path} is already managed by profile ${owner}`);
  await ctx.changes.placeFile(payload.path, content, mode);
  return { status: 'succeeded', message: `${payload.path}: ${content.length} bytes, mode ${mode.toString(8).padStart(4, '0')}` };
}
