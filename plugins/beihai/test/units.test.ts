/** The date arithmetic the report rules rest on, tested directly. */
import { describe, expect, it } from 'vitest';
import { addMonths, monthsBetween, termLastDay } from '../src/dates.js';
import { meetingGaps } from '../src/rules/meetings.js';
import { planDeadline } from '../src/rules/plan.js';

describe('dates', () => {
  it('adds calendar months, falling back to the month’s last day', () => {
    expect(addMonths('2019-12-31', 2)).toBe('2020-02-29');
    expect(addMonths('2020-01-15', 2)).toBe('2020-03-15');
    expect(monthsBetween('2020-01-15', '2020-03-15')).toBe(2);
    expect(termLastDay('2019-09-01', 2)).toBe('2021-08-31');
  });
});

describe('beihai.joint-meeting-frequency (五(二)2): how gaps are counted', () => {
  const year = { start: '2019-09-01', end: '2020-08-31' };
  it('runs from the year’s first day when no earlier meeting exists, and from the last earlier meeting when one does', () => {
    expect(meetingGaps(['2019-10-01'], year, true)[0]).toMatchObject({ from: '2019-09-01', to: '2019-10-01' });
    expect(meetingGaps(['2019-07-20', '2019-10-01'], year, true)[0]).toMatchObject({ from: '2019-07-20', to: '2019-10-01' });
  });
  it('after the last meeting, runs to the next one once the year is over, else to the window’s end', () => {
    expect(meetingGaps(['2020-07-05', '2020-09-03'], year, true).at(-1)).toMatchObject({ from: '2020-07-05', to: '2020-09-03' });
    expect(meetingGaps(['2020-07-05'], year, true).at(-1)).toMatchObject({ from: '2020-07-05', to: '2020-08-31' });
    expect(meetingGaps(['2020-07-05', '2020-09-03'], { start: year.start, end: '2020-08-01' }, false).at(-1)).toMatchObject({ from: '2020-07-05', to: '2020-08-01' });
  });
});

describe('beihai.plan-filed (六(二)): deadlines', () => {
  it('is 2019-01-25 for the first year, the same day in later years, and 25 days after a late formation', () => {
    expect(planDeadline('2018-2019', '01-25', '2018-12-31', 25)).toBe('2019-01-25');
    expect(planDeadline('2020-2021', '01-25', '2018-12-31', 25)).toBe('2021-01-25');
    expect(planDeadline('2019-2020', '09-30', '2018-12-31', 25)).toBe('2019-09-30');
    expect(planDeadline('2019-2020', '01-25', '2020-03-01', 25)).toBe('2020-03-26');
  });
});
