/**
 * Sanming's fixtures: 三明市 and its districts (before and after the 2021 merger), and a bureau's
 * calls that build 总校. Server, tokens, findings and refusal checks are the shared kit's.
 */
import { expect } from 'vitest';
import { findings, ok, startTestServer, type TestServer } from '@gongzhi/server/testing';
import sanming from '../src/index.js';

export { errorOf, expectRefused, ok } from '@gongzhi/server/testing';

export const LOCALITIES = [
  { code: '350000', name: '福建省' },
  { code: '350400', name: '三明市' },
  { code: '350401', name: '市辖区' },
  { code: '350402', name: '梅列区' },
  { code: '350403', name: '三元区' },
];
export const CITY = '350400';

export function start(options: Record<string, unknown> = {}): Promise<TestServer> {
  return startTestServer({ plugins: [sanming], localities: LOCALITIES, governance: [{ locality: CITY, plugin: 'sanming', options }] });
}

/** A fresh code per call: category + 35 (福建) + 98 (a test range apart from the seed's 99) + sequence. */
let seq = 0;
const CATEGORY = { K: '11', P: '21', J: '31', S: '34', V: '36' } as const;
export function code(kind: keyof typeof CATEGORY = 'P'): string {
  seq++;
  return `${CATEGORY[kind]}3598${String(seq).padStart(4, '0')}`;
}
const TYPE = { K: '111', P: '211', J: '311', S: '341', V: '361' } as const;

export const FORM = `mutation($i: FormSanmingZongxiaoInput!){ formSanmingZongxiao(input:$i){ zongxiao { id groupId name memberSchools { school { code } isLead authority } generalPrincipal { person { personId } appointedBy } } } }`;

export const CONSULTED = (bureauCode: string, agreementReached = true) => ({ bureauCode, consultedOn: '2019-08-20', agreementReached, agreement: agreementReached ? '联席会议纪要〔2019〕1号' : null });

export class Bureau {
  constructor(readonly s: TestServer) {}

  async school(kind: keyof typeof CATEGORY = 'P', county = '350402'): Promise<string> {
    const c = code(kind);
    ok(await this.s.gql(`mutation($i: CreateSchoolInput!){ createSchool(input:$i){ school { code } } }`, { i: { code: c, name: `测试学校${c}`, schoolType: TYPE[kind], countyCode: county, area: 'URBAN', isSample: true } }));
    return c;
  }

  async person(name = '教师', backboneLevel = 'NONE'): Promise<string> {
    const d = ok(await this.s.gql(`mutation($i: CreatePersonInput!){ createPerson(input:$i){ person { personId } } }`, { i: { name, gender: 'FEMALE', qualification: 'BACHELOR', title: 'FIRST_GRADE', backboneLevel, localityCode: CITY, isSample: true } }));
    return d.createPerson.person.personId;
  }

  post(personId: string, role: string, schoolCode: string, validFrom = '2019-01-01', validTo: string | null = null) {
    return this.s.gql(`mutation($i: CreatePostInput!){ createPost(input:$i){ post { id } } }`, { i: { personId, role, schoolCode, validFrom, validTo } });
  }

  async exchange(personId: string, from: string, to: string, startDate = '2019-09-01', endDate: string | null = '2020-07-15') {
    ok(await this.s.gql(`mutation($i: RecordExchangeInput!){ recordExchange(input:$i){ exchange { id } } }`, { i: { personId, fromSchoolCode: from, toSchoolCode: to, kind: 'ROTATION', startDate, endDate } }));
  }

  formVars(lead: string, members: string[], head: string, extra: Record<string, unknown> = {}) {
    return { i: { localityCode: CITY, name: `总校${++seq}`, level: 'CITY', legalPersons: 'SEVERAL', lead: { schoolCode: lead, authority: 'CITY' }, members: members.map((m) => ({ schoolCode: m, authority: 'DISTRICT' })), validFrom: '2019-09-01', generalPrincipal: { personId: head, appointedBy: '三明市教育局' }, isSample: true, ...extra } };
  }

  /** Forms a 总校 with a fresh 总校长; returns its groupId. */
  async zongxiao(lead: string, members: string[], extra: Record<string, unknown> = {}): Promise<string> {
    const head = await this.person('总校长');
    return ok(await this.s.gql(FORM, this.formVars(lead, members, head, extra))).formSanmingZongxiao.zongxiao.groupId;
  }

  mutate(name: string, input: Record<string, unknown>, select = '__typename') {
    const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
    return this.s.gql(`mutation($i: ${type}!){ ${name}(input:$i){ ${select} } }`, { i: input });
  }

  report(schoolYear: string, ruleId: string, localityCode = CITY) {
    return findings(this.s, { localityCode, schoolYear, ruleId });
  }

  async findingFor(schoolYear: string, ruleId: string, key: string, localityCode = CITY) {
    const mine = await findings(this.s, { localityCode, schoolYear, ruleId, subject: key });
    expect(mine.length, `no ${ruleId} finding about ${key}`).toBeGreaterThan(0);
    return mine[0]!;
  }
}
