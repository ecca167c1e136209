/**
 * 一(二)4(2) 深化校长职级制改革 (学区内中小学校长职级制), 二(二) 改革成果作为校长职级晋升、业绩考核的主要内容:
 * every principal of a 学区 school — each member school's principal and the 学区's 总校长 — holds a
 * rank (职级) on the day.
 */
import { defineRule, inForceOnDate, isInForce, schoolYearRange, type Finding } from '@gongzhi/core';
import type { WeichengOptions } from '../options.js';
import { DOC, ROLE } from '../domain.js';
import { ranksBetween } from '../repo.js';
import { groupSubject, judgedOn, leadershipFact, membersAt, yearXuequs } from './common.js';

export const principalRank = defineRule<WeichengOptions>({
  id: 'weicheng.principal-rank',
  title: { zh: '学区学校的校长（含总校长）均有校长职级', en: 'every principal of a 学区 school (the 总校长 included) holds a rank (职级)' },
  cite: { doc: DOC, clause: '一(二)4(2), 二(二)' },
  enforce: 'report',
  appliesTo: ['Person'],
  async evaluate({ schoolYear, today, facts }) {
    const [{ groups, members }, posts] = await Promise.all([yearXuequs(facts), leadershipFact(facts)]);
    // Who is judged, per 学区 and day: its 总校长 and its member schools' principals.
    const judged = groups.map((group) => {
      const on = judgedOn(group, schoolYear, today);
      const schools = membersAt(members.get(group.id) ?? [], on);
      const heads = posts.filter((p) => isInForce(p, on) && ((p.groupId === group.id && p.role === ROLE.ZONGXIAOZHANG) || (p.schoolCode && schools.includes(p.schoolCode) && (p.role === 'PRINCIPAL' || p.role === ROLE.ZONGXIAOZHANG))));
      return { group, on, heads };
    });
    const personIds = [...new Set(judged.flatMap((j) => j.heads.map((p) => p.personId)))];
    const { start, end } = schoolYearRange(schoolYear);
    // Only the ranks held in the year are read: what the findings answer.
    const ranks = await facts.shared('weicheng.principalRanksInYear', (db) => ranksBetween(db, personIds, start, end));
    const out: Finding[] = [];
    for (const { group, on, heads } of judged) {
      for (const personId of [...new Set(heads.map((p) => p.personId))]) {
        const held = heads.filter((p) => p.personId === personId);
        const as = held.map((p) => (p.role === ROLE.ZONGXIAOZHANG ? (p.schoolCode ? `${ROLE.ZONGXIAOZHANG}@${p.schoolCode}` : ROLE.ZONGXIAOZHANG) : `PRINCIPAL@${p.schoolCode}`));
        const rank = inForceOnDate(ranks.filter((r) => r.personId === personId), on);
        const subjects = [{ type: 'Person', key: personId }, groupSubject(group), ...held.filter((p) => p.schoolCode).map((p) => ({ type: 'School', key: p.schoolCode! }))];
        out.push(
          rank
            ? { status: 'PASS', measured: { on, posts: as, rank: rank.rank, since: rank.validFrom, documentRef: rank.documentRef }, expected: { rank: true }, subjects }
            : {
                status: 'FAIL',
                measured: { on, posts: as, rank: null },
                expected: { rank: true },
                subjects,
                message: { zh: `学区「${group.name}」的校长（${as.join('、')}）在 ${on} 没有校长职级`, en: `a principal of 学区 “${group.name}” (${as.join(', ')}) holds no rank on ${on}` },
              },
        );
      }
    }
    return out;
  },
});
