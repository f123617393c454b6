import { Badge } from '@mantine/core';
import type { ComplianceState } from '../api/types';
import { complianceLabels } from './labels';

/** A device's compliance state as a colored badge with words (color never carries meaning alone). */
export function ComplianceBadge({ state }: { readonly state: ComplianceState }) {
  const { label, color } = complianceLabels[state];
  return <Badge color={color} variant="light" miw="max-content">{label}</Badge>;
}

const actionColors: Readonly<Record<string, string>> = { pending: 'gray', sent: 'blue', succeeded: 'green', failed: 'red', expired: 'orange', canceled: 'gray', queued: 'blue', alreadyPending: 'gray', refused: 'red' };

/** The status of a remote action. */
export function StatusBadge({ status }: { readonly status: string }) {
  return <Badge color={actionColors[status] ?? 'gray'} variant="light" miw="max-content" data-status={status}>{status}</Badge>;
}
