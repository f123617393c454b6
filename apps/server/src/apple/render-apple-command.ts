import {
  appleAppManifestPath,
  getAppleAppCommand,
  getAppleDeliveryItem,
  recordAppleProfileSettings,
  type AuthDeps,
  type BoundAppleSession,
  type MamPolicySource,
  type ProfileCredentialSource,
  type WardStores,
} from '@ward/core';
import {
  renderAppleAppCommand,
  renderAppleProfile,
  signProfile,
  type AppleCommandRenderer,
  type AppleCommandToRender,
  type ApplePlatform,
  type AppleRenderedCommand,
  type PlistDict,
  type ProfileSigner,
} from '@ward/apple';

/** What rendering policy profiles for Apple devices needs. */
export interface AppleCommandRendererOptions {
  readonly deps: AuthDeps<WardStores>;
  /** Issues the certificates `issued` certificate profiles carry. */
  readonly credentials?: ProfileCredentialSource;
  readonly organization: string;
  readonly identifierPrefix: string;
  /** Signs each profile (attached CMS), so the device can tell it came from Ward unaltered. */
  readonly sign: ProfileSigner;
  /** `https://host[:port]` devices reach Ward at: InstallApplication's ManifestURL is absolute. */
  readonly publicUrl: string;
  /** The tenants' compiled app configuration policies (managed app configuration); read afresh when absent. */
  readonly mamPolicies?: MamPolicySource;
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
 * skipped rather than sent. App delivery's InstallApplication and RemoveApplication are rendered the
 * same way (see `appCommandRenderer`). Other commands are sent as queued.
 */
export function createAppleCommandRenderer(options: AppleCommandRendererOptions): AppleCommandRenderer {
  const deps = options.credentials === undefined ? options.deps : { ...options.deps, credentials: options.credentials };
  const renderApp = appCommandRenderer(options);
  return async (command, session): Promise<AppleRenderedCommand> => {
    if (command.requestType === 'InstallApplication' || command.requestType === 'RemoveApplication') return renderApp(command, session);
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


/**
 * Renders app delivery's InstallApplication and RemoveApplication (issue 7 §2, §4): the queued
 * payload `{ appId, hash }` names the device's app row and item; core checks the row still asks
 * for it and renders the managed app configuration for the device's primary user now, and
 * `renderAppleAppCommand` writes Apple's keys (iTunesStoreID or ManifestURL, ManagementFlags by
 * ownership, Configuration). A stale item is skipped. Commands an admin queued with Apple's own
 * keys are sent as queued.
 */
function appCommandRenderer(options: AppleCommandRendererOptions): (command: AppleCommandToRender, session: BoundAppleSession) => Promise<AppleRenderedCommand> {
  const base = options.publicUrl.replace(/\/+$/, '');
  const deps = options.mamPolicies === undefined ? options.deps : { ...options.deps, mamPolicies: options.mamPolicies };
  return async (command, session) => {
    const { appId, hash } = command.payload as { readonly appId?: unknown; readonly hash?: unknown };
    if (typeof appId !== 'string' || typeof hash !== 'string') return undefined;
    const requestType = command.requestType === 'InstallApplication' ? 'InstallApplication' : 'RemoveApplication';
    const found = await getAppleAppCommand(deps, session, { requestType, appId, hash });
    if (!found.ok) throw new Error(`rendering ${requestType} of app ${appId} for device ${session.device.id}: ${found.code} ${found.message}`);
    if (found.value.status === 'stale') return { skip: { kind: 'stale' } };
    const platform = applePlatformOf(session.device.platform);
    if (platform === undefined) return { skip: { kind: 'stale' } };
    const dict: PlistDict = renderAppleAppCommand(found.value, {
      platform,
      ownership: session.device.ownership,
      userEnrollment: session.enrollment.userEnrollment,
      manifestUrl: (versionId) => `${base}${appleAppManifestPath(versionId)}`,
    });
    return dict;
  };
}
