import { getAppleDeliveryItem, recordAppleProfileSettings, type AuthDeps, type ProfileCredentialSource, type WardStores } from '@ward/core';
import { renderAppleProfile, signProfile, type AppleCommandRenderer, type ApplePlatform, type AppleRenderedCommand, type PlistDict, type ProfileSigner } from '@ward/apple';

/** What rendering policy profiles for Apple devices needs. */
export interface AppleCommandRendererOptions {
  readonly deps: AuthDeps<WardStores>;
  /** Issues the certificates `issued` certificate profiles carry. */
  readonly credentials?: ProfileCredentialSource;
  readonly organization: string;
  readonly identifierPrefix: string;
  /** Signs each profile (attached CMS), so the device can tell it came from Ward unaltered. */
  readonly sign: ProfileSigner;
}

function applePlatformOf(platform: string): ApplePlatform | undefined {
  return platform === 'ios' || platform === 'ipados' || platform === 'macos' ? platform : undefined;
}

/**
 * Renders policy InstallProfile commands at delivery time (issue 5 §6): the queued payload names a
 * profile and the hash of the version meant; the policy engine renders that item for this device
 * (variables, issued credentials), `renderAppleProfile` turns it into an Apple Configuration profile,
 * and it goes out signed in the command's `Payload`. Settings Apple cannot carry are recorded per
 * setting. A version superseded since it was queued, or one that does not apply to the device, is
 * skipped rather than sent. Commands other than policy InstallProfile are sent as queued.
 */
export function createAppleCommandRenderer(options: AppleCommandRendererOptions): AppleCommandRenderer {
  const deps = options.credentials === undefined ? options.deps : { ...options.deps, credentials: options.credentials };
  return async (command, session): Promise<AppleRenderedCommand> => {
    if (command.requestType !== 'InstallProfile') return undefined;
    const { profileId, hash } = command.payload as { readonly profileId?: unknown; readonly hash?: unknown };
    // An InstallProfile that already carries its Payload (not one of the policy engine's) is sent as queued.
    if (typeof profileId !== 'string' || typeof hash !== 'string') return undefined;
    const found = await getAppleDeliveryItem(deps, session, { profileId, hash });
    if (!found.ok) throw new Error(`rendering profile ${profileId} for device ${session.device.id}: ${found.code} ${found.message}`);
    const delivery = found.value;
    if (delivery.status === 'stale') return { skip: { kind: 'stale' } };
    if (delivery.status === 'notApplicable') return { skip: { kind: 'notApplicable', reason: delivery.reason } };
    const platform = applePlatformOf(session.device.platform);
    if (platform === undefined) return { skip: { kind: 'notApplicable', reason: `Ward renders Apple profiles for iOS, iPadOS and macOS, not ${session.device.platform}.` } };
    const rendered = renderAppleProfile(delivery.item, platform, {
      identifierPrefix: options.identifierPrefix,
      organization: options.organization,
      channel: 'device',
      ownership: session.device.ownership,
      userEnrollment: session.enrollment.userEnrollment,
    });
    if ('notApplicable' in rendered) return { skip: { kind: 'notApplicable', reason: rendered.notApplicable, settings: rendered.settings } };
    if (rendered.settings.length > 0) {
      const recorded = await recordAppleProfileSettings(deps, session, { commandUuid: command.commandUuid, settings: rendered.settings });
      if (!recorded.ok) throw new Error(`recording setting outcomes of profile ${profileId}: ${recorded.code} ${recorded.message}`);
    }
    const signed = await signProfile(rendered.dict, options.sign);
    const payload: PlistDict = { Payload: signed };
    return payload;
  };
}

