/**
 * 四(三)3 "总校和成员学校人员的基本工资、绩效工资、年终追加绩效工资、文明单位奖金、综治奖、创城奖等保持不变。
 * 同时…本着就高不就低原则，可以对成员学校教师待遇标准进行调整": no component of anyone at a school of
 * a 总校 is lowered, and a school's standard moves only up (to the higher one). 等 leaves the list
 * open: an OTHER component, with its name, is judged the same way.
 */
import { and, asc, gte, inArray, isNull, lte } from 'drizzle-orm';
import { defineRule, schoolYearRange, tables as core, type Finding } from '@gongzhi/core';
import type { SanmingOptions } from '../options.js';
import { DOC } from '../repo.js';
import { payRecords, payStandards } from '../tables.js';
import { groupSubject, memberOn, personSubject, schoolSubject, zongxiaoMembershipsOn } from './common.js';

type Row = { id: string; component: string; label: string | null; amountFen: number; validFrom: string };
const sameComponent = (a: Row, b: Row) => a.component === b.component && (a.component !== 'OTHER' || (a.label ?? '') === (b.label ?? ''));

/** The lowering a dated row brings, against the one before it and the one after (a back-dated record). */
function lowering<T extends Row>(row: T, history: readonly T[]): { before: T; after: T } | null {
  const same = history.filter((r) => sameComponent(r, row)).sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.id.localeCompare(b.id));
  const i = same.findIndex((r) => r.id === row.id);
  const prev = same[i - 1];
  const next = same[i + 1];
  if (prev && row.amountFen < prev.amountFen) return { before: prev, after: row };
  if (next && next.amountFen < row.amountFen) return { before: row, after: next };
  return null;
}

export const payNotLowered = defineRule<SanmingOptions>({
  id: 'sanming.pay-not-lowered',
  title: { zh: '总校和成员学校人员待遇标准保持不变，成员学校标准只能就高不就低调整', en: 'no pay component of any 总校 or member staff member is lowered; a member’s standard moves only up' },
  cite: { doc: DOC, clause: '四(三)3' },
  enforce: 'write',
  appliesTo: ['SanmingPayRecord', 'SanmingPayStandard'],
  async inReport({ db, facts }) {
    const { start, end } = schoolYearRange(facts.schoolYear);
    const r = await db.select({ id: payRecords.id }).from(payRecords).where(and(gte(payRecords.validFrom, start), lte(payRecords.validFrom, end)));
    const s = await db.select({ id: payStandards.id }).from(payStandards).where(and(gte(payStandards.validFrom, start), lte(payStandards.validFrom, end)));
    return [...r.map((x) => ({ entity: 'SanmingPayRecord', key: x.id })), ...s.map((x) => ({ entity: 'SanmingPayStandard', key: x.id }))];
  },
  async evaluate({ db, changes }) {
    const out: Finding[] = [];
    const recordIds = changes.filter((c) => c.entity === 'SanmingPayRecord').map((c) => c.key);
    if (recordIds.length) {
      const changed = await db.select().from(payRecords).where(inArray(payRecords.id, recordIds));
      const personIds = [...new Set(changed.map((r) => r.personId))];
      const all = personIds.length ? await db.select().from(payRecords).where(inArray(payRecords.personId, personIds)).orderBy(asc(payRecords.validFrom)) : [];
      // Anyone in a 总校: a post at one of its schools on the day the pay changes.
      const posts = personIds.length ? await db.select().from(core.posts).where(and(inArray(core.posts.personId, personIds), isNull(core.posts.archivedAt))) : [];
      const memberships = await zongxiaoMembershipsOn(db, [...new Set([...posts.map((p) => p.schoolCode).filter((c): c is string => !!c), ...changed.map((r) => r.schoolCode)])]);
      for (const row of changed) {
        const low = lowering(row, all.filter((r) => r.personId === row.personId));
        const day = low?.after.validFrom ?? row.validFrom;
        const schoolsThen = [row.schoolCode, ...posts.filter((p) => p.personId === row.personId && p.schoolCode && p.validFrom <= day && (!p.validTo || p.validTo >= day)).map((p) => p.schoolCode!)];
        const inZongxiao = memberships.find((m) => schoolsThen.includes(m.member.schoolCode) && memberOn(m, day));
        if (!inZongxiao) {
          out.push({ status: 'NOT_APPLICABLE', measured: { personId: row.personId, component: row.component, inZongxiao: false }, subjects: [personSubject(row.personId)] });
          continue;
        }
        out.push(
          low
            ? {
                status: 'FAIL',
                measured: { personId: row.personId, component: row.component, label: row.label, oldFen: low.before.amountFen, newFen: low.after.amountFen, from: low.after.validFrom },
                expected: { atLeastFen: low.before.amountFen },
                subjects: [groupSubject(inZongxiao.group), personSubject(row.personId)],
                message: {
                  zh: `${row.component}${row.label ? `（${row.label}）` : ''}自 ${low.after.validFrom} 由 ${low.before.amountFen} 分降为 ${low.after.amountFen} 分：总校和成员学校人员待遇保持不变`,
                  en: `${row.component}${row.label ? ` (${row.label})` : ''} would fall from ${low.before.amountFen} to ${low.after.amountFen} fen on ${low.after.validFrom}; pay in a 总校 is never lowered`,
                },
              }
            : { status: 'PASS', measured: { personId: row.personId, component: row.component, amountFen: row.amountFen, from: row.validFrom }, subjects: [groupSubject(inZongxiao.group), personSubject(row.personId)] },
        );
      }
    }
    const standardIds = changes.filter((c) => c.entity === 'SanmingPayStandard').map((c) => c.key);
    if (standardIds.length) {
      const changed = await db.select().from(payStandards).where(inArray(payStandards.id, standardIds));
      const codes = [...new Set(changed.map((r) => r.schoolCode))];
      const all = await db.select().from(payStandards).where(inArray(payStandards.schoolCode, codes)).orderBy(asc(payStandards.validFrom));
      const memberships = await zongxiaoMembershipsOn(db, codes);
      for (const row of changed) {
        const low = lowering(row, all.filter((r) => r.schoolCode === row.schoolCode));
        const day = low?.after.validFrom ?? row.validFrom;
        const during = memberships.find((m) => m.member.schoolCode === row.schoolCode && memberOn(m, day));
        if (!during) {
          out.push({ status: 'NOT_APPLICABLE', measured: { schoolCode: row.schoolCode, component: row.component, inZongxiao: false }, subjects: [{ type: 'School', key: row.schoolCode }] });
          continue;
        }
        out.push(
          low
            ? {
                status: 'FAIL',
                measured: { schoolCode: row.schoolCode, component: row.component, label: row.label, oldFen: low.before.amountFen, newFen: low.after.amountFen, from: low.after.validFrom },
                expected: { atLeastFen: low.before.amountFen },
                subjects: [groupSubject(during.group), schoolSubject({ code: row.schoolCode })],
                message: {
                  zh: `学校 ${row.schoolCode} 的${row.component}标准自 ${low.after.validFrom} 由 ${low.before.amountFen} 分降为 ${low.after.amountFen} 分：待遇标准只能就高不就低`,
                  en: `school ${row.schoolCode}'s ${row.component} standard would fall from ${low.before.amountFen} to ${low.after.amountFen} fen on ${low.after.validFrom}; standards move only up (就高不就低)`,
                },
              }
            : { status: 'PASS', measured: { schoolCode: row.schoolCode, component: row.component, amountFen: row.amountFen, from: row.validFrom }, subjects: [groupSubject(during.group), schoolSubject({ code: row.schoolCode })] },
        );
      }
    }
    return out;
  },
});
