import type { AppInstallStatus, DesiredAppState, ReportedAppState } from './model.js';

/**
 * Where an app stands on a device, from what the server wants and what the device said: a
 * server-side notApplicable first, then the device's report if it is about the current item,
 * else pending (install) or removing (removal). A failure reported for an older version does not
 * make the current one failed; a removal the device found nothing to remove for counts as removed.
 */
export function deriveAppStatus(desired: Pick<DesiredAppState, 'action' | 'desiredHash'>, reported: Pick<ReportedAppState, 'reportedHash' | 'reportedStatus'>): AppInstallStatus {
  if (desired.action === 'notApplicable') return 'notApplicable';
  const current = reported.reportedHash !== null && reported.reportedHash === desired.desiredHash;
  if (desired.action === 'remove') {
    if (!current) return 'removing';
    switch (reported.reportedStatus) {
      case 'removed':
      case 'notApplicable':
        return 'removed';
      case 'failed':
        return 'failed';
      case 'installed':
      case null:
        return 'removing';
    }
  }
  if (!current) return 'pending';
  switch (reported.reportedStatus) {
    case 'installed':
      return 'installed';
    case 'failed':
      return 'failed';
    case 'notApplicable':
      return 'notApplicable';
    case 'removed':
    case null:
      return 'pending';
  }
}
