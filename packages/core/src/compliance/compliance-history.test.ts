import { describe, expect, it } from 'vitest';
import type { TenantId } from '../kernel/brand.js';
import { addComplianceDays, complianceDayOf, complianceHistoryPoints, type ComplianceSnapshot } from './compliance-history.js';

const tenantId = 't' as TenantId;

function snapshot(day: string, compliant: number, noncompliant: number): ComplianceSnapshot {
  return {
    tenantId,
    day,
    policyId: null,
    byState: { unknown: 0, compliant, inGracePeriod: 0, noncompliant, error: 0, notApplicable: 0 },
    recordedAt: new Date(`${day}T01:00:00.000Z`),
  };
}

describe('compliance days', () => {
  it('names the UTC day of an instant, whatever the hour', () => {
    expect(complianceDayOf(new Date('2025-03-01T00:00:00.000Z'))).toBe('2025-03-01');
    expect(complianceDayOf(new Date('2025-03-01T23:59:59.999Z'))).toBe('2025-03-01');
    expect(complianceDayOf(new Date('2025-03-01T23:30:00.000-05:00'))).toBe('2025-03-02');
  });

  it('moves across month, year and leap-day boundaries', () => {
    expect(addComplianceDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addComplianceDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addComplianceDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addComplianceDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addComplianceDays('2025-01-30', -29)).toBe('2025-01-01');
    expect(addComplianceDays('2025-01-01', 0)).toBe('2025-01-01');
  });
});

describe('complianceHistoryPoints', () => {
  it('gives every day of the range, oldest first, with gaps as nulls rather than zeros', () => {
    const points = complianceHistoryPoints([snapshot('2025-02-27', 3, 1), snapshot('2025-03-01', 4, 0)], '2025-02-27', '2025-03-02');
    expect(points.map((p) => [p.day, p.total, p.byState?.compliant ?? null])).toEqual([
      ['2025-02-27', 4, 3],
      ['2025-02-28', null, null],
      ['2025-03-01', 4, 4],
      ['2025-03-02', null, null],
    ]);
  });

  it('ignores snapshots outside the range and keeps the first of a duplicated day', () => {
    const points = complianceHistoryPoints([snapshot('2025-01-01', 9, 9), snapshot('2025-01-05', 1, 0), snapshot('2025-01-05', 7, 7), snapshot('2025-02-01', 9, 9)], '2025-01-05', '2025-01-05');
    expect(points).toEqual([{ day: '2025-01-05', total: 1, byState: snapshot('2025-01-05', 1, 0).byState }]);
  });

  it('spans a whole year of days when asked', () => {
    const points = complianceHistoryPoints([], '2024-01-01', '2024-12-31');
    expect(points).toHaveLength(366);
    expect(points.at(-1)?.day).toBe('2024-12-31');
  });
});
