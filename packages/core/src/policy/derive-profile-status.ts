import type { DesiredProfileState, ProfileStatus, ReportedProfileState } from './model.js';

/**
 * Where a profile stands on a device, from what the server wants and what the device said:
 * conflict first (an admin must act), then notApplicable and removal, then the device's report if
 * it is about the current version, else pending. A failure reported for an older version does
 * not make the current one failed.
 */
export function deriveProfileStatus(desired: Pick<DesiredProfileState, 'action' | 'desiredHash' | 'conflicts'>, reported: Pick<ReportedProfileState, 'reportedHash' | 'reportedStatus'>): ProfileStatus {
  if (desired.conflicts.length > 0) return 'conflict';
  if (desired.action === 'notApplicable') return 'notApplicable';
  if (desired.action === 'remove') return 'removing';
  if (reported.reportedHash !== desired.desiredHash) return 'pending';
  switch (reported.reportedStatus) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'notApplicable':
      return 'notApplicable';
    case 'removed':
    case null:
      return 'pending';
  }
}

/** Whether the device may still hold something of this profile (it reported a version and not its removal). */
export function deviceHolds(reported: Pick<ReportedProfileState, 'reportedHash' | 'reportedStatus'>): boolean {
  return reported.reportedHash !== null && reported.reportedStatus !== 'removed';
}
