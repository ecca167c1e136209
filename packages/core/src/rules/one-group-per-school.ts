/**
 * "A school belongs to at most one group of this kind at a time" — a capability a plugin switches on
 * for its group kind (`GroupKindDefinition.oneGroupPerSchool`), e.g. Beihai 四(二) and Weicheng
 * 一(二)1(2). Core registers the write rule under the plugin's rule id.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db.js';
import { groupMembers, schoolGroups } from '../tables.js';
import type { GroupKindDefinition } from '../plugin.js';
import { groupSubject, type Finding, type WriteRule } from './types.js';
import { groupsTouchedBy } from './touched.js';

type Period = { from: string; to: string | null };

/** A membership counts while both it and its group are in force. */
function effective(m: { validFrom: string; validTo: string | null }, g: { validFrom: string; validTo: string | null }): Period | null {
  const from = m.validFrom > g.validFrom ? m.validFrom : g.validFrom;
  const to = m.validTo && g.validTo ? (m.validTo < g.validTo ? m.validTo : g.validTo) : (m.validTo ?? g.validTo);
  return to && to < from ? null : { from, to };
}

const overlaps = (a: Period, b: Period) => a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31');

export function oneGroupPerSchoolRule(kind: GroupKindDefinition): WriteRule {
  const spec = kind.oneGroupPerSchool!;
  const title = spec.title ?? { zh: `一所学校同一时间只属于一个${kind.title.zh}`, en: `a school belongs to at most one ${kind.title.en} at a time` };
  return {
    id: spec.ruleId,
    title,
    cite: spec.cite,
    enforce: 'write',
    inPrinciple: spec.inPrinciple,
    appliesTo: ['SchoolGroup', 'GroupMembership'],
    // The report judges every group of the kind in force in the year (memberships may predate the regime).
    async inReport({ facts }) {
      return (await facts.groupsInYear(kind.kind)).groups.map((g) => ({ entity: 'SchoolGroup', key: g.id }));
    },
    async evaluate({ db, changes }) {
      const touched = await groupsTouchedBy(db, changes, kind.kind);
      if (touched.length === 0) return [];
      const all = await membershipsOfSchools(db, kind.kind, [...new Set(touched.flatMap((t) => t.members.map((m) => m.schoolCode)))]);
      return touched.map(({ group, members }): Finding => {
        const others = all.filter((o) => o.group.id !== group.id);
        const clash = members
          .map((m) => ({ m, p: effective(m, group) }))
          .flatMap(({ m, p }) => (p ? others.filter((o) => o.schoolCode === m.schoolCode).filter((o) => { const q = effective(o, o.group); return q !== null && overlaps(p, q); }).map((o) => ({ m, o })) : []))
          .at(0);
        if (!clash) return { status: 'PASS', expected: { groupsPerSchool: 1 }, subjects: [groupSubject(group)] };
        const other = clash.o.group;
        return {
          status: 'FAIL',
          measured: { schoolCode: clash.m.schoolCode, otherGroup: { groupId: other.id, name: other.name, from: clash.o.validFrom, to: clash.o.validTo } },
          expected: { groupsPerSchool: 1 },
          subjects: [groupSubject(group), { type: 'School', key: clash.m.schoolCode }, groupSubject(other)],
          message: {
            zh: `学校 ${clash.m.schoolCode} 已属于${kind.title.zh}「${other.name}」（自 ${clash.o.validFrom} 起）`,
            en: `school ${clash.m.schoolCode} already belongs to ${kind.title.en} “${other.name}” (from ${clash.o.validFrom})`,
          },
        };
      });
    },
  };
}

/** Every membership of these schools in groups of the kind (one statement). */
async function membershipsOfSchools(db: Db, kind: string, schoolCodes: string[]) {
  if (schoolCodes.length === 0) return [];
  const rows = await db
    .select({ m: groupMembers, g: schoolGroups })
    .from(groupMembers)
    .innerJoin(schoolGroups, eq(schoolGroups.id, groupMembers.groupId))
    .where(and(inArray(groupMembers.schoolCode, schoolCodes), eq(schoolGroups.kind, kind), isNull(schoolGroups.archivedAt)));
  return rows.map((r) => ({ ...r.m, group: r.g }));
}
