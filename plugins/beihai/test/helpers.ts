/**
 * Beihai's fixtures: the city and its districts, and a bureau's calls that build 学区. The server,
 * tokens, findings and refusal checks are the shared kit's (@gongzhi/server/testing).
 */
import { expect } from 'vitest';
import { findings, ok, startTestServer, type TestServer } from '@gongzhi/server/testing';
import beihai from '../src/index.js';

export { errorOf, expectRefused, ok } from '@gongzhi/server/testing';

export const LOCALITIES = [
  { code: '450000', name: '广西壮族自治区' },
  { code: '450500', name: '北海市' },
  { code: '450502', name: '海城区' },
  { code: '450503', name: '银海区' },
];

export function start(options: Record<string, unknown> = {}): Promise<TestServer> {
  return startTestServer({ plugins: [beihai], localities: LOCALITIES, governance: [{ locality: '450500', plugin: 'beihai', options }] });
}

/** A fresh 10-digit code per call: category + 45 (广西) + 98 (a test range, apart from the seed's 99) + 4-digit sequence. */
let seq = 0;
export function code(kind: 'P' | 'J' = 'P'): string {
  seq++;
  return `${kind === 'P' ? '21' : '31'}4598${String(seq).padStart(4, '0')}`;
}

export const FORM_XUEQU = `mutation($i: FormBeihaiXuequInput!){ formBeihaiXuequ(input:$i){ xuequ { id groupId name form admissionsZoning members { school { code } } head { person { personId } } deputyHeads { person { personId } } } } }`;

export class Bureau {
  constructor(readonly s: TestServer) {}

  async school(kind: 'P' | 'J' | 'NINE' = 'P', opts: { county?: string; authority?: string; name?: string } = {}): Promise<string> {
    const c = code(kind === 'J' ? 'J' : 'P');
    ok(
      await this.s.gql(`mutation($i: CreateSchoolInput!){ createSchool(input:$i){ school { code } } }`, {
        i: { code: c, name: opts.name ?? `测试学校${c}`, schoolType: kind === 'P' ? '211' : kind === 'J' ? '311' : '312', countyCode: opts.county ?? '450502', area: 'URBAN', authorityCode: opts.authority ?? '450500', isSample: true },
      }),
    );
    return c;
  }

  async person(name: string, backboneLevel = 'NONE'): Promise<string> {
    const d = ok(
      await this.s.gql(`mutation($i: CreatePersonInput!){ createPerson(input:$i){ person { personId } } }`, {
        i: { name, gender: 'FEMALE', qualification: 'BACHELOR', title: 'FIRST_GRADE', backboneLevel, localityCode: '450500', isSample: true },
      }),
    );
    return d.createPerson.person.personId;
  }

  async post(personId: string, role: string, schoolCode: string, validFrom = '2019-01-01', validTo: string | null = null): Promise<string> {
    const d = ok(await this.s.gql(`mutation($i: CreatePostInput!){ createPost(input:$i){ post { id } } }`, { i: { personId, role, schoolCode, validFrom, validTo } }));
    return d.createPost.post.id;
  }

  /** A school with a principal from 2019-01-01; returns the code and the principal's id. */
  async led(kind: 'P' | 'J' | 'NINE' = 'P', county = '450502'): Promise<{ code: string; principal: string }> {
    const c = await this.school(kind, { county });
    const principal = await this.person(`校长${c}`);
    await this.post(principal, 'PRINCIPAL', c);
    return { code: c, principal };
  }

  /** Many teachers at a school in one request (aliased mutations), with the first `backbone` at county level. */
  async teachers(schoolCode: string, n: number, backbone = 0, validFrom = '2019-01-01'): Promise<string[]> {
    const people = Array.from({ length: n }, (_, i) => `p${i}: createPerson(input: { name: "教师${i}", gender: MALE, qualification: BACHELOR, title: SECOND_GRADE, backboneLevel: ${i < backbone ? 'COUNTY' : 'NONE'}, localityCode: "450500" }) { person { personId } }`);
    // At most 15 aliases a request (the server's limit, issue 14): sent in chunks.
    const d: Record<string, any> = {};
    for (let i = 0; i < people.length; i += 15) Object.assign(d, ok(await this.s.gql(`mutation { ${people.slice(i, i + 15).join('\n')} }`)));
    const ids = Array.from({ length: n }, (_, i) => d[`p${i}`].person.personId as string);
    const posts = ids.map((id, i) => `t${i}: createPost(input: { personId: "${id}", role: "TEACHER", schoolCode: "${schoolCode}", validFrom: "${validFrom}" }) { post { id } }`);
    for (let i = 0; i < posts.length; i += 15) ok(await this.s.gql(`mutation { ${posts.slice(i, i + 15).join('\n')} }`));
    return ids;
  }

  form(input: Record<string, unknown>, token?: string) {
    return this.s.gql(FORM_XUEQU, this.formVars(input), token === undefined ? {} : { token });
  }

  /** The variables of FORM_XUEQU: the city, a fresh name, formed 2019-09-01, and `input`. */
  formVars(input: Record<string, unknown>) {
    return { i: { localityCode: '450500', name: `学区${seq}`, validFrom: '2019-09-01', ...input } };
  }

  /** Forms a 学区 and returns its UUID (groupId): the key findings name it by; mutations take it too. */
  async xuequ(lead: string, members: string[], extra: Record<string, unknown> = {}): Promise<string> {
    return ok(await this.form({ leadSchoolCode: lead, memberSchoolCodes: members, ...extra })).formBeihaiXuequ.xuequ.groupId;
  }

  /** Every finding of a rule in the city (or another locality). */
  report(schoolYear: string, ruleId: string, localityCode = '450500') {
    return findings(this.s, { localityCode, schoolYear, ruleId });
  }

  /** The finding of a rule about one 学区 (or school, person). */
  async findingFor(schoolYear: string, ruleId: string, key: string, localityCode = '450500') {
    const mine = await findings(this.s, { localityCode, schoolYear, ruleId, subject: key });
    expect(mine.length, `no ${ruleId} finding about ${key}`).toBeGreaterThan(0);
    return mine[0]!;
  }
}
