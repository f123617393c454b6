import { MantineProvider } from '@mantine/core';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ComplianceHistory } from '../../api/types';
import { ComplianceHistoryChart, historySummary, statesShown } from './compliance-history-chart';

type Point = ComplianceHistory['points'][number];

function point(day: string, counts: Partial<NonNullable<Point['byState']>> | null): Point {
  if (counts === null) return { day, total: null, byState: null };
  const byState = { unknown: 0, compliant: 0, inGracePeriod: 0, noncompliant: 0, error: 0, notApplicable: 0, ...counts };
  return { day, total: Object.values(byState).reduce((a, b) => a + b, 0), byState };
}

const history: ComplianceHistory = {
  fromDay: '2025-02-27',
  toDay: '2025-03-01',
  policyId: null,
  policyName: null,
  points: [point('2025-02-27', { compliant: 3, noncompliant: 1 }), point('2025-02-28', null), point('2025-03-01', { compliant: 4, inGracePeriod: 2 })],
};

function render(h: ComplianceHistory, subject = 'Devices by compliance state'): string {
  return renderToStaticMarkup(createElement(MantineProvider, null, createElement(ComplianceHistoryChart, { history: h, subject })));
}

describe('the compliance history chart', () => {
  it('names the drawing with a summary of the latest day and how many days were recorded', () => {
    expect(historySummary(history, 'Devices by compliance state')).toBe(
      'Devices by compliance state per day, 2025-02-27 to 2025-03-01 (UTC), 2 of 3 days recorded. On 2025-03-01: 4 compliant, 2 in grace period, 0 not compliant.',
    );
    expect(historySummary({ ...history, points: [point('2025-03-01', null)] }, 'X')).toBe('X, 2025-02-27 to 2025-03-01 (UTC): no daily counts recorded yet.');
  });

  it('shows compliant and not compliant always, other states only when some day has them', () => {
    expect(statesShown(history.points)).toEqual(['compliant', 'inGracePeriod', 'noncompliant']);
    expect(statesShown([point('2025-03-01', null)])).toEqual(['compliant', 'noncompliant']);
  });

  it('draws one stacked column per recorded day, a gap marker for a missing one, and a table row for every day', () => {
    const html = render(history);
    expect(html).toContain('role="img"');
    expect(html).toContain(`aria-label="${historySummary(history, 'Devices by compliance state')}"`);
    expect(html.match(/data-state="compliant"/g)).toHaveLength(2);
    expect(html.match(/data-state="noncompliant"/g)).toHaveLength(1);
    expect(html.match(/data-state="inGracePeriod"/g)).toHaveLength(1);
    expect(html.match(/data-gap="true"/g)).toHaveLength(1);
    const table = html.slice(html.indexOf('data-testid="compliance-history-table"'));
    expect(table.match(/<tr/g)).toHaveLength(4);
    // Newest first, after the caption (which names the range).
    const body = table.slice(table.indexOf('<tbody'));
    expect(body.indexOf('2025-03-01')).toBeLessThan(body.indexOf('2025-02-27'));
    expect(table).toContain('No count recorded');
  });

  it('escapes a hostile policy name in the accessible name and the table caption', () => {
    const html = render({ ...history, policyName: '<script>alert(1)</script>' }, 'Devices against <script>alert(1)</script>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});
