/**
 * 五(二)2: 学区长牵头建立学区校长联席会议制度……校长联席会议由学区内各学校校长组成，校长联席会议主席由学区长学校
 * 校长兼任。各学区每两个月至少召开一次校长联席会议……各学区定期向市教育局书面汇报联席会议的重大决策内容.
 */
import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { defineRule, isInForce, schoolYearRange, tables as core, type Db, type Finding, type GroupMemberRow, type PostRow, type SchoolGroupRow, type Subject } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { addMonths, daysBetween, maxDate, minDate, monthsBetween } from '../dates.js';
import { allMemberships, DOC, ROLE, schoolsByCode, xuequsOverlapping, type JointMeetingRow } from '../repo.js';
import { jointMeetingAttendees, jointMeetings } from '../tables.js';
import { groupSubject, membersAt } from './common.js';

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

/** How a member school was present at a joint meeting: its principal, or the deputy it sent. */
export interface Presence {
  schoolCode: string;
  personId: string;
  as: 'PRINCIPAL' | 'DEPUTY';
}

/** Who a joint meeting actually brought together, judged on the day it was held. */
export interface MeetingAttendance {
  meeting: JointMeetingRow;
  /** The member schools that day, the lead included. */
  members: string[];
  /** The chair was the 学区长 that day (the HEAD post, or the lead school's principal: 主席由学区长学校校长兼任). */
  chairIsHead: boolean;
  present: Presence[];
  /** Member schools neither whose principal nor whose recorded deputy attended. */
  absent: string[];
  /** Deputies recorded for a school at which they held no post that day: they cannot stand in for it. */
  deputiesWithoutPost: { personId: string; schoolCode: string }[];
}

/**
 * The joint meetings of some 学区 (all of them, any date) with their attendance. A fixed number
 * of statements whatever the number of 学区, meetings or people: meetings, attendees,
 * memberships, and the posts that matter (the 学区长, the member schools' principals, and the
 * deputies' posts at member schools).
 */
export async function meetingAttendance(db: Db, groups: SchoolGroupRow[]): Promise<Map<string, MeetingAttendance[]>> {
  const out = new Map<string, MeetingAttendance[]>(groups.map((g) => [g.id, []]));
  const ids = groups.map((g) => g.id);
  if (ids.length === 0) return out;
  const meetings = await db.select().from(jointMeetings).where(and(inArray(jointMeetings.groupId, ids), isNull(jointMeetings.archivedAt))).orderBy(jointMeetings.heldOn);
  if (meetings.length === 0) return out;
  const attendees = await db.select().from(jointMeetingAttendees).where(inArray(jointMeetingAttendees.meetingId, meetings.map((m) => m.id)));
  const memberships = await allMemberships(db, ids);
  const schools = [...new Set([...memberships.map((m) => m.schoolCode), ...groups.flatMap((g) => (g.leadSchoolCode ? [g.leadSchoolCode] : []))])];
  const deputyIds = [...new Set(attendees.filter((a) => a.forSchoolCode).map((a) => a.personId))];
  const wanted = [and(inArray(core.posts.groupId, ids), eq(core.posts.role, ROLE.HEAD))];
  if (schools.length) wanted.push(and(inArray(core.posts.schoolCode, schools), eq(core.posts.role, 'PRINCIPAL')));
  if (schools.length && deputyIds.length) wanted.push(and(inArray(core.posts.schoolCode, schools), inArray(core.posts.personId, deputyIds)));
  const posts = await db.select().from(core.posts).where(and(isNull(core.posts.archivedAt), or(...wanted)));
  const postsOf = new Map<string, PostRow[]>();
  for (const p of posts) postsOf.set(p.personId, [...(postsOf.get(p.personId) ?? []), p]);
  const holds = (personId: string, date: string, test: (p: PostRow) => boolean) => (postsOf.get(personId) ?? []).some((p) => isInForce(p, date) && test(p));
  const membersOf = new Map<string, GroupMemberRow[]>();
  for (const m of memberships) membersOf.set(m.groupId, [...(membersOf.get(m.groupId) ?? []), m]);
  const byGroup = new Map(groups.map((g) => [g.id, g]));
  for (const m of meetings) {
    const g = byGroup.get(m.groupId)!;
    const date = m.heldOn;
    const mine = attendees.filter((a) => a.meetingId === m.id);
    const members = membersAt(membersOf.get(g.id) ?? [], date);
    const chairIsHead =
      !!m.chairPersonId && holds(m.chairPersonId, date, (p) => (p.groupId === g.id && p.role === ROLE.HEAD) || (p.schoolCode === g.leadSchoolCode && p.role === 'PRINCIPAL'));
    // The chair attends the meeting they chair.
    const people = [...new Set([...(m.chairPersonId ? [m.chairPersonId] : []), ...mine.map((a) => a.personId)])];
    const present: Presence[] = [];
    for (const school of members) {
      const principal = people.find((id) => holds(id, date, (p) => p.role === 'PRINCIPAL' && p.schoolCode === school));
      if (principal) {
        present.push({ schoolCode: school, personId: principal, as: 'PRINCIPAL' });
        continue;
      }
      const deputy = mine.find((a) => a.forSchoolCode === school && holds(a.personId, date, (p) => p.schoolCode === school));
      if (deputy) present.push({ schoolCode: school, personId: deputy.personId, as: 'DEPUTY' });
    }
    const deputiesWithoutPost = mine
      .filter((a) => a.forSchoolCode && !holds(a.personId, date, (p) => p.schoolCode === a.forSchoolCode))
      .map((a) => ({ personId: a.personId, schoolCode: a.forSchoolCode! }));
    out.get(g.id)!.push({ meeting: m, members, chairIsHead, present, absent: members.filter((c) => !present.some((x) => x.schoolCode === c)), deputiesWithoutPost });
  }
  return out;
}

/**
 * Whether a meeting counts as a 校长联席会议 held (五(二)2 "校长联席会议由学区内各学校校长组成，主席由学区长学校校长
 * 兼任"): the 学区长 chaired it and the principal (or recorded deputy) of at least one other member
 * school was there. A record with no chair, or a chair alone, shows no joint meeting. Our reading,
 * as a bureau counting meetings would: it asks whether the body met, not whether everyone came —
 * full attendance is beihai.joint-meeting-attendance's question, so one absent principal does not
 * also void the meeting (in a four-school 学区 that would undo a meeting of three principals).
 */
export function countsAsJointMeeting(a: MeetingAttendance, leadSchoolCode: string | null): boolean {
  if (!a.chairIsHead) return false;
  const others = a.members.filter((c) => c !== leadSchoolCode);
  return others.length === 0 || a.present.some((x) => x.schoolCode !== leadSchoolCode);
}

function whyNotCounted(a: MeetingAttendance, leadSchoolCode: string | null): string[] {
  const reasons: string[] = [];
  if (!a.meeting.chairPersonId) reasons.push('NO_CHAIR');
  else if (!a.chairIsHead) reasons.push('CHAIR_NOT_HEAD');
  if (!a.present.some((x) => x.schoolCode !== leadSchoolCode) && a.members.some((c) => c !== leadSchoolCode)) reasons.push('NO_MEMBER_PRINCIPAL');
  return reasons;
}

/** The days of a school year a 学区 is judged on: the year, cut to its existence and to today. */
function windowOf(group: SchoolGroupRow, schoolYear: string, today: string) {
  const { start, end } = schoolYearRange(schoolYear);
  return { start: maxDate(start, group.validFrom), end: minDate(minDate(end, today), group.validTo ?? end) };
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
    const attendance = await meetingAttendance(db, groups);
    const n = o.jointMeetingIntervalMonths;
    const expected = { maxIntervalMonths: n, chairedByHead: true, memberPrincipalPresent: true };
    return groups.map((group): Finding => {
      const window = windowOf(group, schoolYear, today);
      if (window.end < window.start) return { status: 'NOT_APPLICABLE', measured: { window }, expected, subjects: [groupSubject(group)], message: { zh: '该学年尚未开始', en: 'the year has not begun' } };
      // No paper compliance: only a meeting chaired by the 学区长 with member principals present is a meeting held.
      const all = attendance.get(group.id) ?? [];
      const dates = all.filter((a) => countsAsJointMeeting(a, group.leadSchoolCode)).map((a) => a.meeting.heldOn);
      const inWindow = (d: string) => d >= window.start && d <= window.end;
      const notCounted = all
        .filter((a) => inWindow(a.meeting.heldOn) && !countsAsJointMeeting(a, group.leadSchoolCode))
        .map((a) => ({ meetingId: a.meeting.id, heldOn: a.meeting.heldOn, reasons: whyNotCounted(a, group.leadSchoolCode) }));
      const gaps = meetingGaps(dates, window, today > end && !(group.validTo && group.validTo < end));
      const tooLong = gaps.filter((g) => g.to > addMonths(g.from, n));
      const longest = gaps.reduce<Gap | null>((a, g) => (!a || g.days > a.days ? g : a), null);
      const held = dates.filter(inWindow).length;
      return {
        status: tooLong.length ? 'FAIL' : 'PASS',
        measured: { window, meetings: held, recorded: held + notCounted.length, notCounted, longestGap: longest, tooLongGaps: tooLong },
        expected,
        subjects: [groupSubject(group)],
        message: tooLong.length
          ? {
              zh: `学区「${group.name}」${longest!.from} 至 ${longest!.to} 间隔 ${longest!.months} 个月未召开校长联席会议（应不超过 ${n} 个月）${notCounted.length ? `；${notCounted.length} 次会议记录未由学区长主持或无成员学校校长出席，不计入` : ''}`,
              en: `学区 “${group.name}” went ${longest!.months} months without a joint meeting, ${longest!.from} to ${longest!.to} (at most ${n} allowed)${notCounted.length ? `; ${notCounted.length} recorded meeting(s) not chaired by the 学区长 or with no member principal present do not count` : ''}`,
            }
          : undefined,
      };
    });
  },
});

/**
 * 五(二)2, the meeting's make-up and its reports: "校长联席会议由学区内各学校校长组成" — every member school's
 * principal attends each meeting (or the deputy the school sent, recorded with the school it stands
 * for and holding a post there that day); and "各学区定期向市教育局书面汇报联席会议的重大决策内容" — each
 * meeting records whether it took major decisions, and one that did has them reported in writing.
 * 定期 sets no period: our reading ties it to the meeting rhythm the same clause sets, so the report
 * of a meeting's decisions is due before the next meeting is due (heldOn + jointMeetingIntervalMonths).
 * One finding per meeting held in the year; a 学区 that held none FAILs (nothing shows attendance)
 * once a meeting was due.
 */
export const jointMeetingAttendance = defineRule<BeihaiOptions>({
  id: 'beihai.joint-meeting-attendance',
  title: {
    zh: '校长联席会议由学区内各学校校长出席，重大决策书面汇报市教育局',
    en: 'every member school’s principal (or a recorded deputy) attends each joint meeting, and major decisions are reported to the bureau in writing',
  },
  cite: { doc: DOC, clause: '五(二)2' },
  enforce: 'report',
  appliesTo: ['SchoolGroup', 'School'],
  async evaluate({ db, localityCode, schoolYear, today, options: o }) {
    const { start, end } = schoolYearRange(schoolYear);
    const groups = await xuequsOverlapping(db, localityCode, start, end);
    const attendance = await meetingAttendance(db, groups);
    const n = o.jointMeetingIntervalMonths;
    const expected = { everyMemberSchoolPresent: true, presentAs: ['PRINCIPAL', 'DEPUTY'], majorDecisionsRecorded: true, reportFiledWithinMonths: n };
    const names = await schoolsByCode(db, [...attendance.values()].flatMap((list) => list.flatMap((a) => a.absent)));
    const named = (c: string) => names.get(c)?.name ?? c;
    const out: Finding[] = [];
    for (const group of groups) {
      const window = windowOf(group, schoolYear, today);
      const held = (attendance.get(group.id) ?? []).filter((a) => a.meeting.heldOn >= window.start && a.meeting.heldOn <= window.end);
      if (held.length === 0) {
        const due = window.end >= window.start && (today > end || addMonths(window.start, n) < window.end);
        out.push({
          status: due ? 'FAIL' : 'NOT_APPLICABLE',
          measured: { window, meetings: 0 },
          expected,
          subjects: [groupSubject(group)],
          message: due
            ? { zh: `学区「${group.name}」本学年没有校长联席会议记录，无从证明各校校长出席`, en: `学区 “${group.name}” recorded no joint meeting this year, so nothing shows its principals attending` }
            : { zh: '尚无应召开的校长联席会议', en: 'no joint meeting is due yet' },
        });
        continue;
      }
      for (const a of held) {
        const m = a.meeting;
        const dueBy = addMonths(m.heldOn, n);
        const report =
          m.tookMajorDecisions === null ? 'UNRECORDED'
          : !m.tookMajorDecisions ? 'NO_MAJOR_DECISIONS'
          : m.reportFiledOn ? (m.reportFiledOn <= dueBy ? 'FILED' : 'LATE')
          : today > dueBy ? 'OVERDUE'
          : 'PENDING';
        const faults: { zh: string; en: string }[] = [];
        if (a.absent.length) faults.push({ zh: `${a.absent.map(named).join('、')} 校长未出席，也未派代表`, en: `no principal or deputy of ${a.absent.map((c) => `${named(c)} (${c})`).join(', ')} attended` });
        if (report === 'UNRECORDED') faults.push({ zh: '未记录是否作出重大决策', en: 'whether it took major decisions is not recorded' });
        if (report === 'OVERDUE') faults.push({ zh: `重大决策未书面汇报市教育局（应于 ${dueBy} 前）`, en: `its major decisions were not reported to the bureau in writing (due by ${dueBy})` });
        if (report === 'LATE') faults.push({ zh: `重大决策于 ${m.reportFiledOn} 才书面汇报（应于 ${dueBy} 前）`, en: `its major decisions were reported only on ${m.reportFiledOn} (due by ${dueBy})` });
        const status = faults.length ? 'FAIL' : report === 'PENDING' ? 'WARN' : 'PASS';
        const message = faults.length
          ? { zh: `学区「${group.name}」${m.heldOn} 校长联席会议：${faults.map((f) => f.zh).join('；')}`, en: `学区 “${group.name}”, joint meeting of ${m.heldOn}: ${faults.map((f) => f.en).join('; ')}` }
          : report === 'PENDING'
            ? { zh: `学区「${group.name}」${m.heldOn} 校长联席会议的重大决策尚未书面汇报（${dueBy} 前）`, en: `学区 “${group.name}”, joint meeting of ${m.heldOn}: major decisions not yet reported in writing (due by ${dueBy})` }
            : undefined;
        out.push({
          status,
          measured: {
            meetingId: m.id,
            heldOn: m.heldOn,
            members: a.members,
            present: a.present,
            absentSchools: a.absent,
            deputiesWithoutPost: a.deputiesWithoutPost,
            tookMajorDecisions: m.tookMajorDecisions,
            decisions: m.decisions.length,
            reportFiledOn: m.reportFiledOn,
            reportDueBy: m.tookMajorDecisions ? dueBy : null,
            report,
          },
          expected,
          subjects: [groupSubject(group), { type: 'BeihaiJointMeeting', key: m.id, name: `校长联席会议 ${m.heldOn}` }, ...a.absent.map((c): Subject => ({ type: 'School', key: c, name: named(c) }))],
          message,
        });
      }
    }
    return out;
  },
});
