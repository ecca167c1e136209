import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClientSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type IntrospectionQuery, getIntrospectionQuery } from 'graphql';
import type { TestServer } from '@gongzhi/server/testing';
import { Bureau, ok, start } from './helpers.js';

let s: TestServer;
let b: Bureau;
beforeAll(async () => {
  s = await start();
  b = new Bureau(s);
});
afterAll(() => s?.close());

describe('schema and seed', () => {
  it('seeds five sample 学区 of 2–4 sample schools in 北海市, each with its 学区长', async () => {
    const d = ok(await s.gql(`{ beihaiXuequs(localityCode: "450500") { name isSample form members { school { code isSample authority { code } } } head { person { personId } } } }`));
    const seeded = d.beihaiXuequs.filter((x: any) => x.isSample);
    expect(seeded.length).toBe(5);
    for (const x of seeded) {
      expect(x.members.length).toBeGreaterThanOrEqual(2);
      expect(x.members.length).toBeLessThanOrEqual(4);
      expect(x.head).not.toBeNull();
      for (const m of x.members) {
        expect(m.school.isSample).toBe(true);
        expect(m.school.code).toMatch(/^[23]14599\d{4}$/);
        expect(m.school.authority.code).toBe('450500');
      }
    }
    expect(new Set(seeded.map((x: any) => x.form))).toEqual(new Set(['ALLIANCE', 'GROUP', 'PAIRED_ASSISTANCE']));
  });

  it('the seed is idempotent', async () => {
    const before = ok(await s.gql(`{ beihaiXuequs(localityCode: "450500") { id } }`)).beihaiXuequs.length;
    const beihai = s.registry.plugin('beihai')!;
    await beihai.seed!({ db: s.db, today: '2026-01-01', log: () => {} });
    expect(ok(await s.gql(`{ beihaiXuequs(localityCode: "450500") { id } }`)).beihaiXuequs.length).toBe(before);
  });

  it('describes every Beihai type, field, argument and enum value', async () => {
    const schema = buildClientSchema(ok<IntrospectionQuery>(await s.gql(getIntrospectionQuery({ descriptions: true }))));
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      const ours = type.name.startsWith('Beihai') || /Beihai/.test(type.name);
      if (ours && !type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))
        for (const f of Object.values(type.getFields())) {
          if (!(ours || /beihai/i.test(f.name))) continue;
          // Fields inherited from core's SchoolGroup interface are core's to describe.
          if ((isObjectType(type) ? type.getInterfaces() : []).some((i) => f.name in i.getFields())) continue;
          if (!f.description) missing.push(`${type.name}.${f.name}`);
          for (const a of 'args' in f ? f.args : []) if (!a.description && !['input'].includes(a.name)) missing.push(`${type.name}.${f.name}(${a.name})`);
        }
      if (isEnumType(type) && ours) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });
});
