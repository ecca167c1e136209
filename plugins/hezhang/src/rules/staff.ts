/**
 * 附件2 三(二)、三(三): 优化组合 in two rounds, transfers capped at 10% of the group's staff, older
 * teachers not moved across townships without their consent, and the 编制 school kept.
 */
import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { addDays, defineRule, getGroup, groupSubject, schoolsByCode, schoolSubject, schoolYearRange, tables as core, type Change, type Finding } from '@gongzhi/core';
import { DOC, ANNEX2 } from '../domain.js';
import type { HezhangOptions } from '../options.js';
import { educationGroups, groupsOfSchoolsOn, membersOfGroup } from '../repo.js';
import { establishmentOf } from '../ops.js';
import { establishments, placements, roundClosures, transfers } from '../tables.js';
import { ageOn, personSubject } from './common.js';
import { movesChanged, movesAt, recordedAsTransfer } from './moves.js';

export const recombinationOrder = defineRule<HezhangOptions>({
  id: 'hezhang.recombination-order',
  title: { zh: '第二轮优化组合须在编制所在学校第一轮结束后进行；学科教师由班主任聘任', en: 'a round-2 placement only after the school’s round 1 is closed; subject teachers are hired by a 班主任' },
  cite: { doc: DOC, clause: `${ANNEX2} 三(三)` },
  enforce: 'write',
  appliesTo: ['HezhangPlacement', 'HezhangRoundClosure'],
  async evaluate({ db, changes }) {
    const ids = changes.filter((c) => c.entity === 'HezhangPlacement').map((c) => c.key);
    if (ids.length === 0) return [];
    const rows = await db.select().from(placements).where(inArray(placements.id, ids));
    const closures = await db
      .select()
      .from(roundClosures)
      .where(inArray(roundClosures.schoolCode, [...new Set(rows.map((r) => r.originSchoolCode))]));
    const hirers = rows.filter((r) => r.hiredByPersonId).map((r) => r.hiredByPersonId!);
    const headTeachers = hirers.length
      ? await db.select().from(placements).where(and(inArray(placements.personId, hirers), eq(placements.post, 'HEAD_TEACHER')))
      : [];
    return rows.map((r): Finding => {
      const closed = closures.find((c) => c.schoolCode === r.originSchoolCode && c.schoolYear === r.schoolYear);
      const problems: { zh: string; en: string }[] = [];
      if (r.round === 'SCHOOL') {
        if (r.schoolCode !== r.originSchoolCode) problems.push({ zh: '第一轮只在编制所在学校内进行', en: 'round 1 places staff inside the school of their 编制 only' });
        if (closed && closed.closedOn < r.placedOn) problems.push({ zh: `第一轮已于 ${closed.closedOn} 结束`, en: `round 1 closed on ${closed.closedOn}` });
      } else if (!closed || closed.closedOn > r.placedOn) {
        problems.push({ zh: `编制所在学校第一轮优化组合${closed ? `至 ${closed.closedOn} 才结束` : '尚未结束'}`, en: `the 编制 school’s round 1 ${closed ? `closed only on ${closed.closedOn}` : 'is not closed'}` });
      }
      if (r.post === 'SUBJECT_TEACHER') {
        const hirer = headTeachers.find((h) => h.personId === r.hiredByPersonId && h.schoolCode === r.schoolCode && h.schoolYear === r.schoolYear);
        if (!hirer) problems.push({ zh: '学科教师须由本校本学年聘任的班主任聘任', en: 'a subject teacher is hired by a 班主任 placed at the school that year' });
      }
      return {
        status: problems.length ? 'FAIL' : 'PASS',
        measured: { round: r.round, post: r.post, placedOn: r.placedOn, roundOneClosedOn: closed?.closedOn ?? null, hiredBy: r.hiredByPersonId },
        expected: { roundTwoAfterRoundOne: true, subjectTeacherHiredByHeadTeacher: true },
        subjects: [schoolSubject({ code: r.schoolCode }), personSubject({ id: r.personId })],
        message: problems.length ? { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') } : undefined,
      };
    });
  },
});

/** The transfers a change names. */
async function changedTransfers(db: Parameters<typeof getGroup>[0], keys: string[]) {
  return keys.length ? db.select().from(transfers).where(inArray(transfers.id, keys)) : [];
}

/** The distinct staff with a post at the schools on a day. */
async function staffCount(db: Parameters<typeof getGroup>[0], codes: string[], on: string): Promise<number> {
  if (codes.length === 0) return 0;
  const [r] = await db
    .select({ n: sql<number>`count(distinct ${core.posts.personId})::int` })
    .from(core.posts)
    .where(and(inArray(core.posts.schoolCode, codes), isNull(core.posts.archivedAt), lte(core.posts.validFrom, on), or(isNull(core.posts.validTo), gte(core.posts.validTo, on))));
  return Number(r?.n ?? 0);
}

/**
 * 集团内跨乡镇（街道）、跨学校调整交流人员总数原则上不超过集团内教职工总数的10%. Our reading: per
 * school year (the clause gives no period), against the staff with a post at the group's member
 * schools on 1 September; 人员总数 counts people, so a person moved twice (or whose transfer is also
 * recorded as a core post or exchange) counts once. The people moved are those of the group's
 * recorded transfers and of the core moves (moves.ts: a post at another school of the county, a
 * ROTATION exchange) of the year that leave or join one of the group's schools of 1 September —
 * whichever mutation made them, so createPost/updatePost and recordExchange/updateExchange are judged
 * too. The cap is the percentage of the staff rounded down.
 */
export const transferCap = defineRule<HezhangOptions>({
  id: 'hezhang.transfer-cap',
  title: { zh: '集团内跨乡镇、跨学校调整交流人员原则上不超过集团教职工总数的10%（每学年）', en: 'transfers in a group ≤ 10% of its staff on 1 September, per school year' },
  cite: { doc: DOC, clause: `${ANNEX2} 三(三)` },
  enforce: 'write',
  inPrinciple: true,
  appliesTo: ['HezhangTransfer', 'Post', 'Exchange'],
  async evaluate({ db, localityCode, options, changes }) {
    const county = localityCode.slice(0, 6);
    const rows = await changedTransfers(db, changes.filter((c) => c.entity === 'HezhangTransfer').map((c) => c.key));
    const pairs = new Map<string, { groupId: string; schoolYear: string }>(rows.map((r) => [`${r.groupId}|${r.schoolYear}`, { groupId: r.groupId, schoolYear: r.schoolYear }]));
    // A core move counts in the groups of the schools it leaves and joins on the year's 1 September.
    const moves = await movesChanged(db, county, changes.filter((c) => c.entity !== 'HezhangTransfer'));
    for (const year of new Set(moves.map((m) => m.schoolYear))) {
      const groupsOf = await groupsOfSchoolsOn(db, county, schoolYearRange(year).start);
      for (const m of moves.filter((x) => x.schoolYear === year))
        for (const g of [...(groupsOf.get(m.fromSchoolCode) ?? []), ...(groupsOf.get(m.toSchoolCode) ?? [])]) pairs.set(`${g.id}|${year}`, { groupId: g.id, schoolYear: year });
    }
    const out: Finding[] = [];
    for (const t of pairs.values()) {
      const group = await getGroup(db, t.groupId);
      const { start, end } = schoolYearRange(t.schoolYear);
      const members = await membersOfGroup(db, group, start);
      const [staff, recorded, viaCore] = await Promise.all([
        staffCount(db, members, start),
        db.select({ personId: transfers.personId }).from(transfers).where(and(eq(transfers.groupId, t.groupId), eq(transfers.schoolYear, t.schoolYear))),
        movesAt(db, county, members, start, end),
      ]);
      const recordedPeople = new Set(recorded.map((r) => r.personId));
      const people = new Set([...recordedPeople, ...viaCore.map((m) => m.personId)]);
      const count = people.size;
      const cap = Math.floor((staff * options.transferCapPercent) / 100 + 1e-9);
      out.push({
        status: count <= cap ? 'PASS' : 'FAIL',
        measured: { transfers: count, staff, recorded: recordedPeople.size, throughCore: count - recordedPeople.size },
        expected: { cap, percent: options.transferCapPercent, staffOn: start },
        subjects: [groupSubject(group)],
        message:
          count <= cap
            ? undefined
            : { zh: `${group.name} ${t.schoolYear} 学年调整交流 ${count} 人，超过上限 ${cap} 人（${start} 教职工 ${staff} 人的 ${options.transferCapPercent}%）`, en: `${group.name}: ${count} people transferred in ${t.schoolYear}, over the cap of ${cap} (${options.transferCapPercent}% of ${staff} staff on ${start})` },
      });
    }
    return out;
  },
  inReport: async ({ db, localityCode, schoolYear }) => {
    const county = localityCode.slice(0, 6);
    const groups = (await educationGroups(db, localityCode)).map((g) => g.id);
    if (groups.length === 0) return [];
    const rows = await db
      .select({ id: transfers.id, groupId: transfers.groupId })
      .from(transfers)
      .where(and(inArray(transfers.groupId, groups), eq(transfers.schoolYear, schoolYear)));
    // One change per group is enough: the rule counts the group's year.
    const seen = new Set<string>();
    const out: Change[] = rows.filter((r) => !seen.has(r.groupId) && seen.add(r.groupId)).map((r) => ({ entity: 'HezhangTransfer', key: r.id }));
    // Groups whose year has only core moves are judged on one of them.
    const { start, end } = schoolYearRange(schoolYear);
    const groupsOf = await groupsOfSchoolsOn(db, county, start);
    for (const m of await movesAt(db, county, [...groupsOf.keys()], start, end)) {
      const fresh = [...(groupsOf.get(m.fromSchoolCode) ?? []), ...(groupsOf.get(m.toSchoolCode) ?? [])].filter((g) => !seen.has(g.id));
      if (fresh.length === 0) continue;
      fresh.forEach((g) => seen.add(g.id));
      out.push({ entity: m.source, key: m.key });
    }
    return out;
  },
});

/**
 * 男教师满55周岁，女教师满50周岁的原则上可不参与跨乡镇（街道）调整交流: not without their recorded
 * consent. A recorded transfer carries the consent (consentOn, consentRef). A core move (moves.ts: a
 * post at a school of another township, a ROTATION exchange) has no consent field: the consent is
 * recorded as the rule's exception (approvedBy: the person, documentRef: the signed statement), or
 * the move is recorded as a transfer first, whose consent then covers it. Judged when the post that
 * arrives, or the exchange, is written.
 */
export const transferAgeExemption = defineRule<HezhangOptions>({
  id: 'hezhang.transfer-age-exemption',
  title: { zh: '男满55周岁、女满50周岁的教师未经本人同意不跨乡镇（街道）调整交流', en: 'men ≥ 55 and women ≥ 50 are not transferred across townships without their recorded consent' },
  cite: { doc: DOC, clause: `${ANNEX2} 三(三)` },
  enforce: 'write',
  inPrinciple: true,
  appliesTo: ['HezhangTransfer', 'Post', 'Exchange'],
  async evaluate({ db, localityCode, options, changes }) {
    const rows = await changedTransfers(db, changes.filter((c) => c.entity === 'HezhangTransfer').map((c) => c.key));
    const moves = await movesChanged(db, localityCode.slice(0, 6), changes.filter((c) => c.entity !== 'HezhangTransfer'));
    const recorded = await recordedAsTransfer(db, moves);
    const judged = [
      ...rows.map((r) => ({ ...r, via: 'HezhangTransfer' as const })),
      ...moves.filter((m) => !recorded.has(m)).map((m) => ({ ...m, consentOn: null, consentRef: null, via: m.source })),
    ];
    if (judged.length === 0) return [];
    const people = await db.select().from(core.people).where(inArray(core.people.id, [...new Set(judged.map((r) => r.personId))]));
    const schools = await schoolsByCode(db, judged.flatMap((r) => [r.fromSchoolCode, r.toSchoolCode]));
    const out: Finding[] = [];
    for (const r of judged) {
      const p = people.find((x) => x.id === r.personId)!;
      const from = schools.get(r.fromSchoolCode)!;
      const to = schools.get(r.toSchoolCode)!;
      const crossTownship = from.townshipCode !== to.townshipCode;
      const limit = p.gender === 'MALE' ? options.transferExemptAge.MALE : p.gender === 'FEMALE' ? options.transferExemptAge.FEMALE : null;
      // The age is a personal datum: findings give only whether the person is of the exempt age.
      const exempt = !!p.birthDate && limit !== null && ageOn(p.birthDate, r.startDate) >= limit;
      if (!crossTownship || !exempt) continue;
      const consented = !!r.consentOn && !!r.consentRef?.trim();
      const how =
        r.via === 'HezhangTransfer'
          ? { zh: '须有本人同意记录', en: 'needs their recorded consent' }
          : { zh: `（${r.via === 'Post' ? '任职变动' : '交流轮岗'}）须有本人同意记录：以本规则的例外记录其同意书，或先登记调整交流`, en: `(${r.via === 'Post' ? 'a post at the new school' : 'a ROTATION exchange'}) needs their recorded consent: record it as this rule’s exception, or record the transfer first` };
      out.push({
        status: consented ? 'PASS' : 'FAIL',
        measured: { crossTownship, ofExemptAge: true, consentOn: r.consentOn, consentRef: r.consentRef, via: r.via },
        expected: { consent: 'recorded', exemptAge: options.transferExemptAge },
        subjects: [personSubject({ id: p.id, name: p.name }), schoolSubject(from), schoolSubject(to)],
        message: consented ? undefined : { zh: `${p.name} 已满${limit}周岁，跨乡镇调整交流${how.zh}`, en: `${p.name} is ${limit} or over: a cross-township transfer ${how.en}` },
      });
    }
    return out;
  },
});

/**
 * 在编制单位不变的情况下 … 进行优化调整: the person's 编制 school stays the one the transfer keeps.
 * Judged on the transfer and on every change of the person's establishment while it stands. A core
 * post move (moves.ts) keeps it too: where no 编制 school is recorded it is read from the person's
 * posts (the earliest in force, as recordHezhangTransfer reads it), so a move that would carry it to
 * the new school — the old post ended before or when the new one starts, or ended later — is refused
 * until the 编制 school is recorded (setHezhangEstablishment). Judged when either post is written. A
 * ROTATION exchange touches no post and no 编制: nothing to judge.
 */
export const transferKeepsEstablishment = defineRule<HezhangOptions>({
  id: 'hezhang.transfer-keeps-establishment',
  title: { zh: '调整交流不改变教师的编制所在学校', en: 'a transfer does not move the teacher’s 编制 school' },
  cite: { doc: DOC, clause: `${ANNEX2} 三(二)` },
  enforce: 'write',
  appliesTo: ['HezhangTransfer', 'HezhangEstablishment', 'Post'],
  async evaluate({ db, localityCode, changes, today }) {
    const transferIds = changes.filter((c) => c.entity === 'HezhangTransfer').map((c) => c.key);
    const personIds = changes.filter((c) => c.entity === 'HezhangEstablishment').map((c) => c.key);
    const moves = await movesChanged(db, localityCode.slice(0, 6), changes.filter((c) => c.entity === 'Post'), { withLeft: true });
    const out: Finding[] = [];
    const recorded = await recordedAsTransfer(db, moves);
    for (const m of moves.filter((x) => !recorded.has(x))) {
      // The 编制 the day before the move (or on the old post's last day), and once the old post is over.
      const dayBefore = addDays(m.startDate, -1);
      const before = await establishmentOf(db, m.personId, m.leftValidTo && m.leftValidTo < dayBefore ? m.leftValidTo : dayBefore);
      const after = await establishmentOf(db, m.personId, m.leftValidTo && m.leftValidTo >= m.startDate ? addDays(m.leftValidTo, 1) : m.startDate);
      const ok = !after || after === before;
      out.push({
        status: ok ? 'PASS' : 'FAIL',
        measured: { establishmentSchoolCode: after, via: 'Post' },
        expected: { establishmentSchoolCode: before },
        subjects: [personSubject({ id: m.personId }), schoolSubject({ code: m.fromSchoolCode }), schoolSubject({ code: m.toSchoolCode })],
        message: ok
          ? undefined
          : { zh: `调整交流不改变编制所在学校：该任职变动会把编制从 ${before} 带到 ${after}，请先登记编制所在学校`, en: `a transfer keeps the 编制 school: this post move would carry it from ${before} to ${after}; record the 编制 school first` },
      });
    }
    if (transferIds.length === 0 && personIds.length === 0) return out;
    const rows = await db
      .select()
      .from(transfers)
      .where(
        or(
          transferIds.length ? inArray(transfers.id, transferIds) : undefined,
          personIds.length ? and(inArray(transfers.personId, personIds), or(isNull(transfers.endDate), gte(transfers.endDate, today))) : undefined,
        ),
      );
    if (rows.length === 0) return out;
    const est = await db.select().from(establishments).where(inArray(establishments.personId, rows.map((r) => r.personId)));
    return [
      ...out,
      ...rows.map((r): Finding => {
        const now = est.find((e) => e.personId === r.personId)?.schoolCode ?? r.establishmentSchoolCode;
        const ok = now === r.establishmentSchoolCode;
        return {
          status: ok ? 'PASS' : 'FAIL',
          measured: { establishmentSchoolCode: now },
          expected: { establishmentSchoolCode: r.establishmentSchoolCode },
          subjects: [personSubject({ id: r.personId }), schoolSubject({ code: r.establishmentSchoolCode })],
          message: ok ? undefined : { zh: `调整交流期间编制所在学校不变（应为 ${r.establishmentSchoolCode}，改为 ${now}）`, en: `the 编制 school stays ${r.establishmentSchoolCode} during the transfer (changed to ${now})` },
        };
      }),
    ];
  },
});
