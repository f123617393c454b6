import { describe, expect, it } from 'vitest';
import { needsComplianceEvaluation } from './needs-compliance-evaluation.js';

const now = new Date('2026-06-01T12:00:00Z');
const ago = (ms: number): Date => new Date(now.getTime() - ms);

describe('needsComplianceEvaluation', () => {
  it('skips a routine check-in of an evaluated device', () => {
    expect(needsComplianceEvaluation({ complianceState: 'compliant', lastSeenAt: ago(15 * 60_000) }, false, now)).toBe(false);
    expect(needsComplianceEvaluation({ complianceState: 'noncompliant', lastSeenAt: ago(86_399_999) }, false, now)).toBe(false);
  });

  it('evaluates on changed facts, a device never evaluated, or after a silence of a day', () => {
    expect(needsComplianceEvaluation({ complianceState: 'compliant', lastSeenAt: ago(60_000) }, true, now)).toBe(true);
    expect(needsComplianceEvaluation({ complianceState: 'unknown', lastSeenAt: ago(60_000) }, false, now)).toBe(true);
    expect(needsComplianceEvaluation({ complianceState: 'noncompliant', lastSeenAt: ago(86_400_000) }, false, now)).toBe(true);
    expect(needsComplianceEvaluation({ complianceState: 'compliant', lastSeenAt: null }, false, now)).toBe(true);
  });
});
