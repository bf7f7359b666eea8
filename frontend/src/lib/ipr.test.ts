import { describe, expect, it } from 'vitest';
import {
  changeWords,
  dueWords,
  headlineRows,
  pointsChange,
  progressWords,
  reportPeriodOptions,
  riskChangeWords,
  scopeOptions,
  signed,
  varianceWords,
} from './ipr';

describe('report words', () => {
  it('says changes in words and signed figures', () => {
    expect(changeWords(2)).toBe('up 2');
    expect(changeWords(-1)).toBe('down 1');
    expect(changeWords(0)).toBe('no change');
    expect(changeWords(null)).toBe('not comparable');
    expect(signed(3)).toBe('+3');
    expect(signed(-3)).toBe('−3');
    expect(signed(0)).toBe('0');
  });

  it('says a Direction of Travel change in percentage points, keeping the digits sent', () => {
    expect(pointsChange('-2.50')).toBe('down 2.50 percentage points');
    expect(pointsChange('1')).toBe('up 1 percentage point');
    expect(pointsChange('0.0')).toBe('no change');
    expect(pointsChange(null)).toBe('not comparable');
  });

  it('lays out the headline worst first with the change since the previous report', () => {
    const rows = headlineRows({ red: 3, amber: 2, green: 10 }, { red: 1, amber: 4, green: 10, no_data: 2 });
    expect(rows[0]).toEqual({ rag: 'red', now: 3, previous: 1, change: 2 });
    expect(rows[1]).toEqual({ rag: 'amber', now: 2, previous: 4, change: -2 });
    expect(rows.find((r) => r.rag === 'no_data')).toEqual({ rag: 'no_data', now: 0, previous: 2, change: -2 });
    expect(rows).toHaveLength(6);
  });

  it('describes action progress and due dates', () => {
    expect(progressWords(40, 60)).toBe('40% complete (behind: 60% expected by now)');
    expect(progressWords(70, 60)).toBe('70% complete (on schedule: 60% expected by now)');
    expect(progressWords(10, null)).toBe('10% complete');
    expect(dueWords({ overdue: true, days_overdue: 1 })).toBe('1 day overdue');
    expect(dueWords({ overdue: false, days_left: 5 })).toBe('Due in 5 days');
    expect(dueWords({ overdue: false, days_left: 0 })).toBe('Due today');
  });

  it('describes risk and budget changes', () => {
    expect(riskChangeWords(12, 4)).toBe('Up 4 from 12');
    expect(riskChangeWords(20, -5)).toBe('Down 5 from 20');
    expect(riskChangeWords(null, null)).toBe('New since the previous report');
    expect(riskChangeWords(9, 0)).toBe('No change (was 9)');
    expect(varianceWords('1200.00')).toBe('£1,200.00 overspend');
    expect(varianceWords('-300')).toBe('£300 underspend');
    expect(varianceWords('0')).toBe('On budget');
    expect(varianceWords(null)).toBe('No forecast');
  });
});

describe('report choices', () => {
  it('offers each year, its quarters and months, newest first', () => {
    const groups = reportPeriodOptions(2024, 2025);
    expect(groups.map((g) => g.label)).toEqual(['2025/26', '2024/25']);
    expect(groups[0]!.options.slice(0, 3).map((o) => o.code)).toEqual(['2025-26', '2025-26-Q4', '2025-26-Q3']);
    expect(groups[0]!.options).toHaveLength(17);
    expect(groups[0]!.options.at(-1)).toEqual({ code: '2025-26-M01', label: 'April 2025' });
  });

  it('lists the council, each directorate with its services, plans and sets', () => {
    const groups = scopeOptions(
      [
        { id: 2, name: 'Social Care', level: 'service', parent_id: 1 },
        { id: 1, name: 'People', level: 'directorate', parent_id: null },
        { id: 3, name: 'Place', level: 'directorate', parent_id: null },
      ],
      ['LAA', 'CORP', 'LAA'],
      [{ id: 5, title: 'Corporate Plan' }],
    );
    expect(groups.map((g) => g.label)).toEqual(['Council', 'Directorates and services', 'Plans', 'Indicator sets']);
    expect(groups[1]!.options).toEqual([
      { code: 'org_unit:1', label: 'People' },
      { code: 'org_unit:2', label: 'People: Social Care' },
      { code: 'org_unit:3', label: 'Place' },
    ]);
    expect(groups[3]!.options.map((o) => o.code)).toEqual(['set:CORP', 'set:LAA']);
  });
});
