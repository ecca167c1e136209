import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

describe('smoke', () => {
  it('forms a 总校 with its 总校长 and lists the six demo 总校 of 2017', async () => {
    const lead = await b.school('P', '350401');
    const m = await b.school('P');
    const id = await b.zongxiao(lead, [m]);
    const d = ok(await s.gql(`query($id: ID!){ sanmingZongxiao(id:$id){ name memberSchools { isLead authority school { code } } generalPrincipal { appointedBy } } sanmingZongxiaos(localityCode:"350400"){ name } }`, { id }));
    expect(d.sanmingZongxiao.memberSchools.map((x: any) => x.isLead)).toEqual([true, false]);
    expect(d.sanmingZongxiao.generalPrincipal.appointedBy).toBe('三明市教育局');
    expect(d.sanmingZongxiaos.length).toBe(7);
  });
});
