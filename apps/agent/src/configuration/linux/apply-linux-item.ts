import type { ParsedItem } from '../parse-configuration-item.js';
import { notApplicableOutcome, type ProfileOutcome } from '../profile-outcome.js';
import { applyCertificateProfile } from './apply-certificate-profile.js';
import { applyCustomFile } from './apply-custom-file.js';
import { applySettingsProfile } from './apply-settings-profile.js';
import { applyVpnProfile } from './apply-vpn-profile.js';
import { applyWifiProfile } from './apply-wifi-profile.js';
import type { LinuxApplyContext } from './linux-apply-context.js';

/** Applies one well-formed profile on Linux. Throws only for what the caller reports as a failure. */
export function applyLinuxItem(ctx: LinuxApplyContext, item: ParsedItem): Promise<ProfileOutcome> {
  switch (item.kind) {
    case 'settings':
      return applySettingsProfile(ctx, item.payload);
    case 'wifi':
      return applyWifiProfile(ctx, item.name, item.payload);
    case 'vpn':
      return applyVpnProfile(ctx, item.payload);
    case 'certificate':
      return applyCertificateProfile(ctx, item.payload);
    case 'custom':
      return applyCustomFile(ctx, item.payload);
    case 'email':
      return Promise.resolve(
        notApplicableOutcome('Linux has no system-wide mail account store: set the account up in the mail client (Thunderbird, Evolution) instead'),
      );
  }
}
