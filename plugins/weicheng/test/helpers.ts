/**
 * Weicheng's fixtures: the district and a bureau's calls that build 学区. The server, tokens,
 * findings and refusal checks are the shared kit's (@gongzhi/server/testing).
 */
import { findings, ok, startTestServer, type TestServer } from '@gongzhi/server/testing';
import weicheng from '../src/index.js';

export { errorOf, expectRefused, expectUnchanged, finding, findings, ok } from '@gongzhi/server/testing';

export const LOCALITIES = [
  { code: '370000', name: '山东省' },
  { code: '370700', name: '潍坊市' },
  { code: '370702', name: '潍城区' },
  { code: '370703', name: '寒亭区' },
];
export const COUNTY = '370702';
export const YEAR = '2026-2027';

/** A server with the regime enabled for 潍城区; `seed: false` leaves out the plugin's demo data. */
export function start(options: Record<string, unknown> = {}, { seed = false }: { seed?: boolean } = {}): Promise<TestServer> {
  const plugin = seed ? weicheng : { ...weicheng, seed: undefined };
  return startTestServer({ plugins: [plugin], localities: LOCALITIES, governance: [{ locality: COUNTY, plugin: 'weicheng', options }] });
}

/** A fresh 10-digit code per call: category + 37 (山东) + 98 (a test range, apart from the seed's 99) + sequence. */
let seq = 0;
export function code(kind: 'P' | 'J' = 'P'): string {
  seq++;
  return `${kind === 'P' ? '21' : '31'}3798${String(seq).padStart(4, '0')}`;
}

export const FORM = `mutation($i: FormWeichengXuequInput!){ formWeichengXuequ(input:$i){ xuequ { id groupId name members { school { code } } zongxiaozhang { person { personId } } aliases { alias kind } } } }`;

export class Bureau {
  constructor(readonly s: TestServer) {}

  async school(opts: { kind?: 'P' | 'J'; county?: string; name?: string } = {}): Promise<string> {
    const c = code(opts.kind ?? 'P');
    ok(
      await this.s.gql(`mutation($i: CreateSchoolInput!){ createSchool(input:$i){ school { code } } }`, {
        i: { code: c, name: opts.name ?? `测试学校${c}`, schoolType: opts.kind === 'J' ? '311' : '211', countyCode: opts.county ?? COUNTY, area: 'URBAN', authorityCode: opts.county ?? COUNTY, isSample: true },
      }),
    );
    return c;
  }

  async person(name = '测试人员'): Promise<string> {
    const d = ok(
      await this.s.gql(`mutation($i: CreatePersonInput!){ createPerson(input:$i){ person { personId } } }`, {
        i: { name, gender: 'FEMALE', qualification: 'BACHELOR', title: 'FIRST_GRADE', localityCode: COUNTY, isSample: true },
      }),
    );
    return d.createPerson.person.personId;
  }

  async post(personId: string, role: string, where: { schoolCode?: string; groupId?: string }, validFrom = '2020-09-01', validTo: string | null = null): Promise<string> {
    const d = ok(await this.s.gql(`mutation($i: CreatePostInput!){ createPost(input:$i){ post { postId } } }`, { i: { personId, role, ...where, validFrom, validTo } }));
    return d.createPost.post.postId;
  }

  form(input: Record<string, unknown>) {
    return this.s.gql(FORM, this.formVars(input));
  }

  formVars(input: Record<string, unknown>) {
    return { i: { localityCode: COUNTY, name: `学区${++seq}`, validFrom: '2020-09-01', ...input } };
  }

  /** A 学区 of a lead and `others` fresh schools with a fresh 总校长; returns its ids and codes. */
  async xuequ(others = 1, extra: Record<string, unknown> = {}) {
    const lead = await this.school();
    const members: string[] = [];
    for (let i = 0; i < others; i++) members.push(await this.school());
    const head = await this.person('总校长');
    const d = ok(await this.form({ leadSchoolCode: lead, memberSchoolCodes: members, zongxiaozhangPersonId: head, ...extra }));
    return { groupId: d.formWeichengXuequ.xuequ.groupId as string, id: d.formWeichengXuequ.xuequ.id as string, lead, members, head };
  }

  report(ruleId: string, schoolYear = YEAR) {
    return findings(this.s, { localityCode: COUNTY, schoolYear, ruleId });
  }

  async findingFor(ruleId: string, key: string, schoolYear = YEAR) {
    const mine = await findings(this.s, { localityCode: COUNTY, schoolYear, ruleId, subject: key });
    if (mine.length === 0) throw new Error(`no ${ruleId} finding about ${key}`);
    return mine[0]!;
  }
}
