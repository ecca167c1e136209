/**
 * Every relation is batched (DataLoader): the SQL statements of a nested 学区 query grow with its
 * depth, never with the rows. Two districts of 北海市 (Beihai is inherited from the city), a small
 * set of 学区 in 海城区 and a larger one in 银海区, the same query over each, the same count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;

const SMALL = '450502'; // 海城区: 2 学区 of 2 schools, one of everything
const LARGE = '450503'; // 银海区: 6 学区 of 3 schools, three of everything
const YEARS = ['2019-2020', '2020-2021', '2021-2022'];
const SUBJECT_KINDS = [
  ['PRIMARY_MATHS', '小学数学学科中心组'],
  ['PRIMARY_CHINESE', '小学语文学科中心组'],
  ['PRIMARY_INTEGRATED', '小学综合学科中心组'],
] as const;

const mutate = (m: string, i: Record<string, unknown>) => s.gql(`mutation($i: ${m[0]!.toUpperCase()}${m.slice(1)}Input!){ ${m}(input:$i){ __typename } }`, { i }).then(ok);

/** A 学区 of `schools` schools in a district, with `n` meetings, subject groups, moral teams, plans and exchanges, and a staffed office. */
async function xuequ(county: string, schools: number, n: number): Promise<void> {
  const led = [];
  for (let i = 0; i < schools; i++) led.push(await b.led('P', county));
  const [lead, ...others] = led;
  const id = await b.xuequ(lead!.code, others.map((x) => x.code), { localityCode: county });
  const principals = led.map((x) => x.principal);

  // 学区管理办公室: a director and a deputy (vice-principals) and two staff (middle managers).
  await mutate('establishBeihaiXuequOffice', { groupId: id, establishedOn: '2019-09-01' });
  const office: [string, string, string][] = [
    ['DIRECTOR', 'VICE_PRINCIPAL', lead!.code],
    ['DEPUTY_DIRECTOR', 'VICE_PRINCIPAL', others[0]!.code],
    ['STAFF', 'MIDDLE_MANAGER', lead!.code],
    ['STAFF', 'MIDDLE_MANAGER', others[0]!.code],
  ];
  for (const [position, role, school] of office) {
    const p = await b.person(`办公室${position}`);
    await b.post(p, role, school);
    await mutate('appointBeihaiOfficeStaff', { groupId: id, personId: p, position, validFrom: '2019-09-01' });
  }

  const leader = await b.person('市级名师', 'CITY');
  await b.post(leader, 'TEACHER', lead!.code);
  const teachers = await b.teachers(others[0]!.code, 6);
  // A vice-principal who attends the joint meetings as a recorded deputy (五(二)2).
  const vice = await b.person('副校长');
  await b.post(vice, 'VICE_PRINCIPAL', others[0]!.code);
  for (let k = 0; k < n; k++) {
    await mutate('recordBeihaiJointMeeting', { groupId: id, heldOn: `2019-${String(9 + k).padStart(2, '0')}-16`, attendeePersonIds: principals, deputies: [{ personId: vice, schoolCode: others[0]!.code }], decisions: [`决议${k}`], reportFiledOn: '2019-12-31' });
    const [kind, name] = SUBJECT_KINDS[k]!;
    await mutate('createBeihaiSubjectGroup', { groupId: id, kind, name, leaderPersonId: leader, memberPersonIds: teachers.slice(0, 4), termStart: '2019-09-01' });
    await mutate('formBeihaiMoralEducationTeam', { groupId: id, leaderPersonId: leader, leaderHonour: 'FAMOUS_HEAD_TEACHER', leaderHonourLevel: 'CITY', memberPersonIds: teachers.slice(k, k + 3), establishedOn: `2019-09-0${k + 1}` });
    await mutate('fileBeihaiWorkPlan', { groupId: id, schoolYear: YEARS[k], title: `${YEARS[k]}学年学区工作计划`, filedOn: `${YEARS[k]!.slice(5)}-01-20` });
    await mutate('recordBeihaiExchange', { groupId: id, personId: teachers[k], fromSchoolCode: others[0]!.code, toSchoolCode: lead!.code, kind: 'ROTATION', startDate: '2019-09-01', endDate: '2020-07-15' });
  }
}

beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
  for (let i = 0; i < 2; i++) await xuequ(SMALL, 2, 1);
  for (let i = 0; i < 6; i++) await xuequ(LARGE, 3, 3);
}, 120_000);
afterAll(() => s?.close());

/** Every relation of BeihaiXuequ and of the types it reaches (posts, people, schools, groups, plans, exchanges), on one date. */
const NESTED = `query($l: DivisionCode!) {
  beihaiXuequs(localityCode: $l, asOf: "2020-01-01") {
    id groupId kind kindTitle name validFrom validTo isSample isArchived form admissionsZoning
    locality { code name parent { code } }
    leadSchool { ...S beihaiXuequ(asOf: "2020-01-01") { groupId } groups(asOf: "2020-01-01") { groupId } }
    members(asOf: "2020-01-01") { validFrom validTo school { ...S staff(asOf: "2020-01-01") { totalCount nodes { ...P } } } }
    leadership(asOf: "2020-01-01") { ...P }
    plans { ...Pl }
    head(asOf: "2020-01-01") { ...P }
    deputyHeads(asOf: "2020-01-01") { ...P }
    jointMeetings(schoolYear: "2019-2020") { id heldOn xuequ { groupId } chair { ...Pe } attendees { ...Pe } deputies { person { ...Pe } school { ...S } } tookMajorDecisions decisions reportFiledOn hasReportedToBureau }
    office { establishedOn school { ...S } director(asOf: "2020-01-01") { ...P } deputyDirectors(asOf: "2020-01-01") { ...P } staff(asOf: "2020-01-01") { ...P } }
    subjectGroups { id xuequ { groupId } kind stage grade subject name leader { ...Pe } members { ...Pe } termStart termEnd }
    moralEducationTeams { id leader { ...Pe } leaderHonour leaderHonourLevel members { ...Pe } establishedOn }
    workPlan(schoolYear: "2019-2020") { ...Pl }
    balance(schoolYear: "2019-2020", stage: PRIMARY) { schoolYear stage schoolCount isBalanced exchangeRate { teachers exchanged backboneExchanged } }
  }
}
fragment S on School { code name county { code } authority { code } }
fragment Pl on Plan { id kind title schoolYear filedOn validFrom validTo }
fragment P on Post { id role roleTitle validFrom validTo school { code } group { groupId } person { ...Pe } }
fragment Pe on Person {
  personId name backboneLevel locality { code }
  posts(asOf: "2020-01-01") { role school { code } group { groupId } }
  exchanges { id kind startDate isBackbone person { personId } fromSchool { code } toSchool { code } group { groupId } }
}`;

async function statementsFor(localityCode: string) {
  const r = await s.statementsFor(NESTED, { l: localityCode });
  return { count: r.statements, xuequs: r.data.beihaiXuequs as any[] };
}

describe('batching', () => {
  it('a nested 学区 query costs the same SQL statements for 2 学区 as for 6, with three times the meetings, groups, teams, plans and exchanges', async () => {
    const small = await statementsFor(SMALL);
    const large = await statementsFor(LARGE);

    // Data came back at every level: the count is not equal because both are empty.
    expect(small.xuequs).toHaveLength(2);
    expect(large.xuequs).toHaveLength(6);
    for (const x of large.xuequs) {
      expect(x.members).toHaveLength(3);
      expect(x.head.person.personId).toBeTruthy();
      expect(x.deputyHeads).toHaveLength(2);
      expect(x.leadership).toHaveLength(7); // 学区长, 2 副学区长, office director, deputy and 2 staff
      expect(x.jointMeetings).toHaveLength(3);
      expect(x.jointMeetings[0].attendees).toHaveLength(4); // three principals and a deputy
      expect(x.jointMeetings[0].deputies).toHaveLength(1);
      expect(x.members.map((m: any) => m.school.code)).toContain(x.jointMeetings[0].deputies[0].school.code);
      expect(x.jointMeetings[0].tookMajorDecisions).toBe(true);
      expect(x.jointMeetings[0].chair.personId).toBe(x.head.person.personId);
      expect(x.office.director.person.posts.map((p: any) => p.role)).toContain('VICE_PRINCIPAL');
      expect(x.office.deputyDirectors).toHaveLength(1);
      expect(x.office.staff).toHaveLength(2);
      expect(x.subjectGroups).toHaveLength(3);
      expect(x.subjectGroups[0].members).toHaveLength(4);
      expect(x.moralEducationTeams).toHaveLength(3);
      expect(x.moralEducationTeams[2].members).toHaveLength(3);
      expect(x.plans).toHaveLength(3);
      expect(x.workPlan).toMatchObject({ kind: 'WORK_PLAN', schoolYear: '2019-2020', filedOn: '2020-01-20' });
      expect(x.subjectGroups.flatMap((g: any) => g.members).flatMap((p: any) => p.exchanges).map((e: any) => e.group.groupId)).toContain(x.groupId);
      expect(x.leadSchool.beihaiXuequ.groupId).toBe(x.groupId);
      expect(x.members.every((m: any) => m.school.county.code === LARGE)).toBe(true);
      expect(x.balance).toMatchObject({ schoolYear: '2019-2020', stage: 'PRIMARY' });
    }
    expect(small.xuequs[0].jointMeetings).toHaveLength(1);
    expect(small.xuequs[0].subjectGroups[0].members.flatMap((p: any) => p.exchanges)).toHaveLength(1);

    expect(large.count).toBe(small.count);
    // One per level and relation, whatever the rows (31 when written): far below one per 学区 per relation.
    expect(large.count).toBeLessThanOrEqual(40);
  });

  it('complianceReport costs the same SQL statements over 6 学区 as over 2: every beihai rule reads all 学区 at once', async () => {
    const Q = `query($l: DivisionCode!) { complianceReport(localityCode: $l, schoolYear: "2019-2020") { findings(first: 1000) { totalCount nodes { rule { id } status } } } }`;
    const run = async (l: string) => {
      const r = await s.statementsFor(Q, { l });
      return { count: r.statements, findings: r.data.complianceReport.findings };
    };
    const small = await run(SMALL);
    const large = await run(LARGE);
    const exchangeFindings = (f: any) => f.nodes.filter((n: any) => n.rule.id === 'beihai.exchange-rate');
    expect(exchangeFindings(small.findings)).toHaveLength(2);
    expect(exchangeFindings(large.findings)).toHaveLength(6);
    expect(large.count).toBe(small.count);
  });
});
