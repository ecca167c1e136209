/**
 * Pupils' personal data (DESIGN "Personal data"; PIPL Art. 28; 附件1 二(三), 三(一)): name, guardian contact,
 * waiver category and priority groups are null without the `pii` scope on every path a client can take —
 * lists, node(id:), nested fields, errors and exports — and each value read with it is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { tables as core } from '@gongzhi/core';
import type { TestServer } from '@gongzhi/server/testing';
import { CHARGE, PUPIL, TERM, enrol, errorOf, expectRefused, ok, pupil, rate, school, start } from './helpers.js';

let s: TestServer;
let noPii: string;
let withPii: string;
let code: string;
let pupilId: string;
let enrolmentGlobalId: string;
const NAME = '赵小芳';
const PHONE = '13912345678';
const GUARDIAN = '赵大山';

const PUPIL_FIELDS = 'pupilId pupilRef name guardianName guardianPhone waiverCategory priorityGroups';

beforeAll(async () => {
  s = await start();
  noPii = await s.token({ sub: 'clerk', roles: ['editor'], localities: ['520527'], pii: [] });
  withPii = await s.token({ sub: 'officer', roles: ['editor'], localities: ['520527'], pii: ['520527'] });
  await rate(s, 'PRIMARY', 1500, 120);
  code = await school(s);
  pupilId = await pupil(s, code);
  ok(await s.gql(PUPIL, { i: { pupilId, name: NAME, guardianName: GUARDIAN, guardianPhone: PHONE, waiverCategory: 'HARDSHIP', priorityGroups: ['LEFT_BEHIND'] } }));
  const eid = await enrol(s, pupilId);
  const d = ok(await s.gql(`query($c: SchoolCode!, $t: String!){ hezhangAfterSchoolEnrolments(schoolCode:$c, term:$t){ edges { node { id enrolmentId } } } }`, { c: code, t: TERM }));
  enrolmentGlobalId = d.hezhangAfterSchoolEnrolments.edges.find((e: any) => e.node.enrolmentId === eid).node.id;
  // A charged pupil for the statement (the eligible one is refused until a waiver exists — see below).
  const other = await pupil(s, code);
  ok(await s.gql(PUPIL, { i: { pupilId: other, name: '钱小伟', guardianPhone: '13700000000' } }));
  ok(await s.gql(CHARGE, { i: { enrolmentId: await enrol(s, other), item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } }));
});
afterAll(() => s?.close());

const leaks = (x: unknown) => [NAME, PHONE, GUARDIAN, 'HARDSHIP', 'LEFT_BEHIND', '钱小伟', '13700000000'].filter((v) => JSON.stringify(x).includes(v));

describe('pupils’ personal data without the pii scope is null on every path', () => {
  it('lists: hezhangAfterSchoolEnrolments → pupil is null without pii; with pii the fields are there', async () => {
    const q = `query($c: SchoolCode!, $t: String!){ hezhangAfterSchoolEnrolments(schoolCode:$c, term:$t){ totalCount edges { node { enrolmentId pupil { ${PUPIL_FIELDS} } } } } }`;
    const without = ok(await s.gql(q, { c: code, t: TERM }, { token: noPii }));
    expect(without.hezhangAfterSchoolEnrolments.totalCount).toBe(2);
    expect(without.hezhangAfterSchoolEnrolments.edges.map((e: any) => e.node.pupil)).toEqual([null, null]);
    expect(leaks(without)).toEqual([]);
    const withIt = ok(await s.gql(q, { c: code, t: TERM }, { token: withPii }));
    const mine = withIt.hezhangAfterSchoolEnrolments.edges.map((e: any) => e.node.pupil).find((p: any) => p.pupilId === pupilId);
    expect(mine).toMatchObject({ name: NAME, guardianName: GUARDIAN, guardianPhone: PHONE, waiverCategory: 'HARDSHIP', priorityGroups: ['LEFT_BEHIND'] });
  });
  it('node(id:): the enrolment resolves, its pupil does not', async () => {
    const q = `query($id: ID!){ node(id:$id){ ... on HezhangAfterSchoolEnrolment { enrolmentId term pupil { ${PUPIL_FIELDS} } } } }`;
    const without = ok(await s.gql(q, { id: enrolmentGlobalId }, { token: noPii }));
    expect(without.node.term).toBe(TERM);
    expect(without.node.pupil).toBeNull();
    expect(ok(await s.gql(q, { id: enrolmentGlobalId }, { token: withPii })).node.pupil.name).toBe(NAME);
  });
  it('nested fields: statement → lines → enrolment → pupil, and the pupil’s own enrolments', async () => {
    const q = `query($c: SchoolCode!, $t: String!){ hezhangTermStatement(schoolCode:$c, term:$t){ lines(first: 10) { edges { node { chargedFen enrolment { pupil { ${PUPIL_FIELDS} afterSchoolEnrolments { pupil { name } } } } } } } } }`;
    const without = ok(await s.gql(q, { c: code, t: TERM }, { token: noPii }));
    expect(without.hezhangTermStatement.lines.edges.map((e: any) => e.node.enrolment.pupil)).toEqual([null]);
    expect(leaks(without)).toEqual([]);
    const withIt = ok(await s.gql(q, { c: code, t: TERM }, { token: withPii }));
    expect(withIt.hezhangTermStatement.lines.edges[0].node.enrolment.pupil.afterSchoolEnrolments[0].pupil.name).toBe('钱小伟');
  });
  it('a pupil read with pii but the personal fields of another county: null', async () => {
    const other = await s.token({ sub: 'elsewhere', roles: ['editor'], localities: ['520527'], pii: ['520526'] });
    const q = `query($id: ID!){ node(id:$id){ ... on HezhangAfterSchoolEnrolment { pupil { name } } } }`;
    expect(ok(await s.gql(q, { id: enrolmentGlobalId }, { token: other })).node.pupil).toBeNull();
  });
  it('errors: a refused charge of the eligible pupil names the pupil by id only; a bad phone is not echoed', async () => {
    const eid = (await s.gql(`query($id: ID!){ node(id:$id){ ... on HezhangAfterSchoolEnrolment { enrolmentId } } }`, { id: enrolmentGlobalId })).data.node.enrolmentId;
    const e = await expectRefused(s, CHARGE, { i: { enrolmentId: eid, item: 'SERVICE', units: 20, chargedOn: '2026-09-01' } }, 'hezhang.fee-waiver', { token: noPii });
    expect(leaks(e)).toEqual([]);
    const bad = errorOf(await s.gql(PUPIL, { i: { pupilId, name: NAME, guardianPhone: 'call-13912345678x' } }, { token: noPii }), 'BAD_USER_INPUT');
    expect(bad.extensions!.field).toBe('input.guardianPhone');
    expect(JSON.stringify(bad)).not.toContain('13912345678');
    // The mutation's own payload is a read like any other.
    const payload = ok(await s.gql(PUPIL, { i: { pupilId, name: NAME, guardianName: GUARDIAN, guardianPhone: PHONE, waiverCategory: 'HARDSHIP', priorityGroups: ['LEFT_BEHIND'] } }, { token: noPii }));
    expect(payload.recordHezhangAfterSchoolPupil.pupil.name).toBeNull();
  });
  it('exports: the statement’s CSV and XLSX carry no personal data, even for a caller with pii', async () => {
    const q = `query($c: SchoolCode!, $t: String!){ hezhangTermStatement(schoolCode:$c, term:$t){ csv xlsxBase64 } }`;
    for (const token of [noPii, withPii]) {
      const d = ok(await s.gql(q, { c: code, t: TERM }, { token }));
      expect(leaks(d.hezhangTermStatement.csv)).toEqual([]);
      const { unzipSync, strFromU8 } = await import('fflate');
      const files = unzipSync(Buffer.from(d.hezhangTermStatement.xlsxBase64, 'base64'));
      expect(leaks(strFromU8(files['xl/worksheets/sheet1.xml']!))).toEqual([]);
    }
  });
  it('each value read with pii is audited (who, locality, pupil, fields); reads without it write no audit row', async () => {
    const q = `query($id: ID!){ node(id:$id){ ... on HezhangAfterSchoolEnrolment { pupil { name guardianPhone } } } }`;
    const before = await s.db.select().from(core.auditLog).where(eq(core.auditLog.operation, 'readPersonalData'));
    ok(await s.gql(q, { id: enrolmentGlobalId }, { token: noPii }));
    const mid = await s.db.select().from(core.auditLog).where(eq(core.auditLog.operation, 'readPersonalData'));
    expect(mid.length).toBe(before.length);
    ok(await s.gql(q, { id: enrolmentGlobalId }, { token: withPii }));
    const [row] = await s.db.select().from(core.auditLog).where(eq(core.auditLog.operation, 'readPersonalData')).orderBy(desc(core.auditLog.id)).limit(1);
    expect(row).toMatchObject({ actor: 'officer', localityCode: '520527' });
    expect(row!.entityKeys).toContain(pupilId);
    expect(row!.fields).toEqual(expect.arrayContaining(['name', 'guardianPhone']));
  });
});
