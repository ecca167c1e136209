/** Hezhang's fixtures: the county it governs and schools made as a bureau would. The rest is the shared kit. */
import { ok, startTestServer, type TestServer } from '@gongzhi/server/testing';
import plugin from '../src/index.js';
import { SEED_LOCALITIES } from '../src/seed.js';

export const COUNTY = '110101';

/** A server with the regime installed and enabled for the county, with these options. */
export function start(options: Record<string, unknown> = {}): Promise<TestServer> {
  return startTestServer({ plugins: [plugin], localities: SEED_LOCALITIES, governance: [{ locality: COUNTY, plugin: 'hezhang', options }] });
}

let next = 0;
/** A new primary school in the county (test codes: digits 5–6 = 98), through core's createSchool. */
export async function school(s: TestServer, name = '测试小学'): Promise<string> {
  next += 1;
  const code = `211198${String(next).padStart(4, '0')}`;
  ok(await s.gql(`mutation($i: CreateSchoolInput!) { createSchool(input: $i) { school { code } } }`, { i: { code, name: `${name}${next}`, schoolType: '211', countyCode: COUNTY, area: 'URBAN', isSample: true } }));
  return code;
}
