import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '@gongzhi/server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ localities: [{ code: '450000', name: '广西壮族自治区' }, { code: '450500', name: '北海市' }, { code: '450502', name: '海城区' }] });
});
afterAll(() => s?.close());

describe('smoke', () => {
  it('creates a school and reads it back', async () => {
    const r = await s.gql(`mutation($i: CreateSchoolInput!){ createSchool(input:$i){ school { code name county { name } } } }`, {
      i: { code: '2145000001', name: '海城区第一小学', schoolType: '211', countyCode: '450502', area: 'URBAN' },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.createSchool.school.county.name).toBe('海城区');
  });
});
