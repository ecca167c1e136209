/** 五(二)2: 各学区每两个月至少召开一次校长联席会议. */
import { and, inArray, isNull } from 'drizzle-orm';
import { defineRule, schoolYearRange, type Finding } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { addMonths, daysBetween, maxDate, minDate, monthsBetween } from '../dates.js';
import { DOC, xuequsOverlapping } from '../repo.js';
import { jointMeetings } from '../tables.js';
import { groupSubject } from './common.js';

export interface Gap {
  from: string;
  to: string;
  days: number;
  months: number;
}

/**
 * The gaps a school year is judged on. How they are counted (the document says only "at least
 * once every two months", so this is the reading we chose, as a bureau checking a year would):
 * - the window is the school year, cut to the days the 学区 existed and to today for a year still running;
 * - gaps run between consecutive meetings, whatever year they fall in, so a gap across 1 September
 *   is judged in both years it touches;
 * - with no meeting before the window, the first gap runs from the window's first day;
 * - after the last meeting, the gap runs to the next meeting when the year is over and one was
 *   held, else to the window's last day — a meeting that was due by then and not held is a fault;
 * - a gap is too long when its end is later than its start plus N calendar months
 *   (15 Jan → 15 Mar is two months and passes; 15 Jan → 16 Mar fails).
 */
export function meetingGaps(meetingDates: string[], window: { start: string; end: string }, yearOver: boolean): Gap[] {
  const dates = [...new Set(meetingDates)].sort();
  const before = dates.filter((d) => d < window.start).at(-1);
  const inside = dates.filter((d) => d >= window.start && d <= window.end);
  const after = yearOver ? dates.find((d) => d > window.end) : undefined;
  const points = [before ?? window.start, ...inside, after ?? window.end];
  const gaps: Gap[] = [];
  for (let i = 1; i < points.length; i++) {
    const [from, to] = [points[i - 1]!, points[i]!];
    if (from === to) continue;
    gaps.push({ from, to, days: daysBetween(from, to), months: monthsBetween(from, to) });
  }
  return gaps;
}

export const jointMeetingFrequency = defineRule<BeihaiOptions>({
  id: 'beihai.joint-meeting-frequency',
  title: { zh: '各学区每两个月至少召开一次校长联席会议', en: 'each 学区 holds a joint meeting of principals at least every two months' },
  cite: { doc: DOC, clause: '五(二)2' },
  enforce: 'report',
  appliesTo: ['SchoolGroup'],
  async evaluate({ db, localityCode, schoolYear, today, options: o }) {
    const { start, end } = schoolYearRange(schoolYear);
    const groups = await xuequsOverlapping(db, localityCode, start, end);
    const meetings = groups.length
      ? await db.select({ groupId: jointMeetings.groupId, heldOn: jointMeetings.heldOn }).from(jointMeetings).where(and(inArray(jointMeetings.groupId, groups.map((g) => g.id)), isNull(jointMeetings.archivedAt)))
      : [];
    const n = o.jointMeetingIntervalMonths;
    const expected = { maxIntervalMonths: n };
    return groups.map((group): Finding => {
      const window = { start: maxDate(start, group.validFrom), end: minDate(minDate(end, today), group.validTo ?? end) };
      if (window.end < window.start) return { status: 'NOT_APPLICABLE', measured: { window }, expected, subjects: [groupSubject(group)], message: { zh: '该学年尚未开始', en: 'the year has not begun' } };
      const dates = meetings.filter((m) => m.groupId === group.id).map((m) => m.heldOn);
      const gaps = meetingGaps(dates, window, today > end && !(group.validTo && group.validTo < end));
      const tooLong = gaps.filter((g) => g.to > addMonths(g.from, n));
      const longest = gaps.reduce<Gap | null>((a, g) => (!a || g.days > a.days ? g : a), null);
      const held = dates.filter((d) => d >= window.start && d <= window.end).length;
      return {
        status: tooLong.length ? 'FAIL' : 'PASS',
        measured: { window, meetings: held, longestGap: longest, tooLongGaps: tooLong },
        expected,
        subjects: [groupSubject(group)],
        message: tooLong.length
          ? {
              zh: `学区「${group.name}」${longest!.from} 至 ${longest!.to} 间隔 ${longest!.months} 个月未召开校长联席会议（应不超过 ${n} 个月）`,
              en: `学区 “${group.name}” went ${longest!.months} months without a joint meeting, ${longest!.from} to ${longest!.to} (at most ${n} allowed)`,
            }
          : undefined,
      };
    });
  },
});
