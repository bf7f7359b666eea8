import { describe, expect, it } from 'vitest';
import type { Deadline } from '../api/types';
import { countsSentence, dataEntryLink, deadlineWhen, sortDeadlines } from './deadlines';

function deadline(over: Partial<Deadline>): Deadline {
  return {
    indicator_id: 1,
    code: 'NI 1',
    title: 'An indicator',
    frequency: 'quarterly',
    period: '2008-09-Q3',
    period_end: '2008-12-31',
    deadline: '2009-01-15',
    state: 'due',
    outturn_status: null,
    received_on: null,
    late: false,
    days_overdue: null,
    owner_id: 4,
    owner_name: 'Priya Shah',
    deputy_id: null,
    org_unit_id: 16,
    directorate_id: 14,
    directorate: 'Environment',
    ...over,
  };
}

describe('deadlines', () => {
  it('puts overdue first, then due soon, then due, each by date and code', () => {
    const sorted = sortDeadlines([
      deadline({ code: 'NI 9', state: 'due', deadline: '2009-01-15' }),
      deadline({ code: 'NI 10', state: 'overdue', deadline: '2008-11-14' }),
      deadline({ code: 'NI 2', state: 'overdue', deadline: '2008-11-14' }),
      deadline({ code: 'NI 3', state: 'due_soon', deadline: '2008-12-12' }),
      deadline({ code: 'NI 4', state: 'overdue', deadline: '2008-10-14' }),
    ]);
    expect(sorted.map((d) => d.code)).toEqual(['NI 4', 'NI 2', 'NI 10', 'NI 3', 'NI 9']);
  });

  it('sums up the counts in words', () => {
    expect(countsSentence({ overdue: 2, due_soon: 1, due: 3, upcoming: 4, received: 9, late: 0 })).toBe('2 overdue, 1 due soon and 3 due');
    expect(countsSentence({ overdue: 1, due_soon: 0, due: 0, upcoming: 0, received: 0, late: 0 })).toBe('1 overdue');
    expect(countsSentence({ overdue: 0, due_soon: 0, due: 0, upcoming: 2, received: 5, late: 1 })).toBe('Nothing is overdue or due');
  });

  it('says when, and links to data entry at the period', () => {
    expect(deadlineWhen(deadline({ state: 'overdue', days_overdue: 12 }))).toBe('Due 15 January 2009: 12 days overdue');
    expect(deadlineWhen(deadline({ state: 'due' }))).toBe('Due 15 January 2009');
    expect(dataEntryLink({ period: '2008-09-M09' })).toBe('/data-entry?period=2008-09-M09');
  });
});
