import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, type TestServer } from '@gongzhi/server/testing';
import { COUNTY, start } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await start();
});
afterAll(() => s?.close());

describe('boot', () => {
  it('serves both group kinds', async () => {
    const d = ok(await s.gql(`{ hezhangSeniorEducationGroups(localityCode: "${COUNTY}") { name } hezhangCompulsoryEducationGroups(localityCode: "${COUNTY}") { name townships { name } memberSchools { code } } }`));
    expect(d.hezhangSeniorEducationGroups).toBeInstanceOf(Array);
  });
});
