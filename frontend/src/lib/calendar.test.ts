import { describe, expect, it } from 'vitest';
import type { CalendarEntry } from '../api/types';
import {
  countByCategory,
  entryStatusLabel,
  financialYearMonths,
  financialYearOfMonth,
  formatDate,
  formatLongDate,
  formatSpan,
  groupByDay,
  groupByMonth,
  monthGrid,
  parseMonthKey,
  parseYearParam,
  shiftMonth,
  weekdayIndex,
  yearParam,
} from './calendar';

function entry(over: Partial<CalendarEntry> & Pick<CalendarEntry, 'due_on'>): CalendarEntry {
  return {
    uid: `u-${over.due_on}-${over.title ?? ''}`,
    kind: 'event',
    title: 'An event',
    description: '',
    category: 'planning',
    starts_on: over.due_on,
    status: 'due',
    event: null,
    deadline: null,
    ...over,
  };
}

describe('month grid', () => {
  it('lays December 2008 out in weeks from Monday, with blanks outside the month', () => {
    const weeks = monthGrid(2008, 12);
    // 1 December 2008 was a Monday; 31 December a Wednesday.
    expect(weeks).toHaveLength(5);
    expect(weeks[0]![0]).toEqual({ iso: '2008-12-01', day: 1 });
    expect(weeks[3]![3]).toEqual({ iso: '2008-12-25', day: 25 });
    expect(weeks[4]!.map((c) => c?.day ?? null)).toEqual([29, 30, 31, null, null, null, null]);
    for (const w of weeks) expect(w).toHaveLength(7);
  });

  it('starts a month part-way through its first week and handles leap years', () => {
    const feb = monthGrid(2009, 2); // 1 February 2009 was a Sunday
    expect(feb[0]!.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    expect(feb[0]![6]).toEqual({ iso: '2009-02-01', day: 1 });
    expect(feb.flat().filter(Boolean)).toHaveLength(28);
    expect(monthGrid(2008, 2).flat().filter(Boolean)).toHaveLength(29);
    // A February starting on a Monday in a non-leap year fills exactly four weeks.
    expect(monthGrid(2010, 2)).toHaveLength(4);
  });

  it('knows the weekday of a date without the time zone shifting it', () => {
    expect(weekdayIndex(2008, 12, 25)).toBe(3); // Thursday
    expect(formatLongDate('2009-01-15')).toBe('Thursday 15 January 2009');
  });
});

describe('financial year months', () => {
  it('runs from April to March', () => {
    const months = financialYearMonths(2008);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ year: 2008, month: 4, key: '2008-04' });
    expect(months[8]).toEqual({ year: 2008, month: 12, key: '2008-12' });
    expect(months[9]).toEqual({ year: 2009, month: 1, key: '2009-01' });
    expect(months[11]).toEqual({ year: 2009, month: 3, key: '2009-03' });
  });

  it('finds the year of a month and steps between months across years', () => {
    expect(financialYearOfMonth(2009, 3)).toBe(2008);
    expect(financialYearOfMonth(2009, 4)).toBe(2009);
    expect(shiftMonth(2008, 12, 1)).toEqual({ year: 2009, month: 1 });
    expect(shiftMonth(2009, 1, -1)).toEqual({ year: 2008, month: 12 });
    expect(shiftMonth(2008, 4, -13)).toEqual({ year: 2007, month: 3 });
  });

  it('parses and writes year and month parameters, refusing malformed ones', () => {
    expect(yearParam(2008)).toBe('2008-09');
    expect(yearParam(2099)).toBe('2099-00');
    expect(parseYearParam('2008-09')).toBe(2008);
    expect(parseYearParam('2008-10')).toBeNull();
    expect(parseYearParam('nonsense')).toBeNull();
    expect(parseMonthKey('2008-12')).toEqual({ year: 2008, month: 12 });
    expect(parseMonthKey('2008-13')).toBeNull();
    expect(parseMonthKey(null)).toBeNull();
  });
});

describe('dates in words', () => {
  it('writes dates and spans the way people read them', () => {
    expect(formatDate('2008-05-15')).toBe('15 May 2008');
    expect(formatSpan('2008-04-01', '2008-04-30')).toBe('1 to 30 April 2008');
    expect(formatSpan('2008-04-30', '2008-05-15')).toBe('30 April to 15 May 2008');
    expect(formatSpan('2008-12-31', '2009-01-15')).toBe('31 December 2008 to 15 January 2009');
    expect(formatSpan('2008-09-30', '2008-09-30')).toBe('30 September 2008');
  });
});

describe('grouping entries', () => {
  const items = [
    entry({ due_on: '2009-01-15', kind: 'deadline', category: 'data_collection', status: 'overdue', title: 'Data due' }),
    entry({ due_on: '2008-12-31', category: 'budget', title: 'Budget' }),
    entry({ due_on: '2008-12-31', category: 'risk', title: 'Risk review', status: 'done' }),
    entry({ due_on: '2008-12-12', category: 'budget', title: 'Early budget', status: 'missed' }),
  ];

  it('groups by month and by day, each in date order', () => {
    const byMonth = groupByMonth(items);
    expect([...byMonth.keys()]).toEqual(['2008-12', '2009-01']);
    expect(byMonth.get('2008-12')!.map((e) => e.title)).toEqual(['Early budget', 'Budget', 'Risk review']);
    expect(groupByDay(items).get('2008-12-31')).toHaveLength(2);
  });

  it('counts categories in their fixed order', () => {
    expect(countByCategory(items)).toEqual([
      { category: 'budget', count: 2 },
      { category: 'risk', count: 1 },
      { category: 'data_collection', count: 1 },
    ]);
  });

  it('words each status for its kind', () => {
    expect(items.map(entryStatusLabel)).toEqual(['Overdue', 'To do', 'Done', 'Missed']);
  });
});
