/**
 * The test kit checks what plugins' tests lean on, so it is tested itself: a refusal that wrote
 * nothing passes; a success, another rule, another error, or a refusal that leaked a write (a row
 * changed or added outside the mutation's transaction) fails. The probe plugin below exists only here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { definePlugin, defineRule, ensureLocality, payloadType, runMutation, schoolFilterSql, tables as core } from '@gongzhi/core';
import { changedTables, errorOf, expectRefused, expectUnchanged, finding, findings, ok, snapshot, startTestServer, type TestServer } from '../src/testing/index.js';

const CITE = { doc: '测试文件〔2026〕2号', clause: '一' };

const refusedNames = defineRule({
  id: 'kitprobe.no-refused-names',
  title: { zh: '校名不含“拒绝”', en: 'a school name does not contain 拒绝' },
  cite: CITE,
  enforce: 'write',
  appliesTo: ['School'],
  async evaluate({ db, changes }) {
    const rows = await db.select().from(core.schools).where(inArray(core.schools.code, changes.map((c) => c.key)));
    return rows.map((r) => ({ status: r.name.includes('拒绝') ? 'FAIL' : 'PASS', measured: r.name, subjects: [{ type: 'School', key: r.code, name: r.name }] }));
  },
});

const settledNames = defineRule({
  id: 'kitprobe.settled-names',
  title: { zh: '校名已定', en: 'a school name is settled' },
  cite: { ...CITE, clause: '二' },
  enforce: 'report',
  appliesTo: ['School'],
  async evaluate({ db, localityCode }) {
    const rows = await db.select().from(core.schools).where(schoolFilterSql({ localityCode }));
    return rows.map((r) => ({ status: r.name.includes('待定') ? 'FAIL' : 'PASS', measured: r.name, subjects: [{ type: 'School', key: r.code, name: r.name }] }));
  },
});

/** Renames a school through runMutation; `leak` first writes outside the transaction — the bug the kit must catch. */
const probe = definePlugin({
  id: 'kitprobe',
  title: { zh: '测试工具探针', en: 'Test kit probe' },
  policy: { doc: CITE.doc, issuer: 'Gongzhi tests' },
  coreVersion: '^0.1.0',
  options: z.object({}),
  rules: [refusedNames, settledNames],
  schema: ({ builder, refs }) => {
    const Payload = payloadType(builder, 'KitprobeRenamePayload', 'school', refs.School, 'The school renamed.');
    builder.mutationField('kitprobeRename', (t) =>
      t.field({
        type: Payload,
        description: 'Rename a school; `leak` writes elsewhere first, outside the transaction.',
        args: {
          code: t.arg.string({ required: true, description: 'The school.' }),
          name: t.arg.string({ required: true, description: 'Its new name.' }),
          leak: t.arg.string({ description: 'UPDATE: bump 2145980002’s version outside the transaction; INSERT: add a locality outside it.' }),
        },
        resolve: async (_, { code, name, leak }, ctx) => {
          if (leak === 'UPDATE') await ctx.db.update(core.schools).set({ version: sql`${core.schools.version} + 1` }).where(eq(core.schools.code, '2145980002'));
          if (leak === 'INSERT') await ensureLocality(ctx.db, '450521', '合浦县');
          return runMutation(ctx, { operation: 'kitprobeRename', localityCode: '450502', plugin: 'kitprobe', fields: ['name'] }, async (tx) => {
            const [row] = await tx.update(core.schools).set({ name }).where(eq(core.schools.code, code)).returning();
            return { result: { school: row! }, changes: [{ entity: 'School', key: code, fields: ['name'] }] };
          });
        },
      }),
    );
  },
});

const RENAME = `mutation($c: String!, $n: String!, $leak: String) { kitprobeRename(code: $c, name: $n, leak: $leak) { school { code name } } }`;
const CREATE = `mutation($i: CreateSchoolInput!) { createSchool(input: $i) { school { code } } }`;
const school = (code: string, name: string) => ({ i: { code, name, schoolType: '211', countyCode: '450502', area: 'URBAN', isSample: true } });
const Y = '2026-2027';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({
    plugins: [probe],
    localities: [{ code: '450000', name: '广西壮族自治区' }, { code: '450500', name: '北海市' }, { code: '450502', name: '海城区' }],
    governance: [{ locality: '450500', plugin: 'kitprobe', options: {} }],
  });
  ok(await s.gql(CREATE, school('2145980001', '第一小学')));
  ok(await s.gql(CREATE, school('2145980002', '第二小学（校名待定）')));
});
afterAll(() => s?.close());

describe('expectRefused', () => {
  it('passes for a refused write that left nothing, and returns the error', async () => {
    const e = await expectRefused(s, RENAME, { c: '2145980001', n: '拒绝小学' }, 'kitprobe.no-refused-names');
    expect(e.extensions).toMatchObject({ rule: { cite: CITE }, measured: '拒绝小学' });
    // A core mutation is judged the same way.
    await expectRefused(s, CREATE, school('2145980003', '拒绝中学'), 'kitprobe.no-refused-names');
  });

  it('fails when the write went through', async () => {
    await expect(expectRefused(s, RENAME, { c: '2145980001', n: '第一小学' }, 'kitprobe.no-refused-names')).rejects.toThrow(/but it succeeded/);
  });

  it('fails when another rule refused it, or another error came back', async () => {
    await expect(expectRefused(s, RENAME, { c: '2145980001', n: '拒绝小学' }, 'kitprobe.other-rule')).rejects.toThrow(/names kitprobe\.no-refused-names/);
    await expect(expectRefused(s, CREATE, school('21459', '坏代码'), 'kitprobe.no-refused-names')).rejects.toThrow(/expected RULE_VIOLATION .* got BAD_USER_INPUT/);
  });

  it('fails when a refused write changed a row outside its transaction (same row count)', async () => {
    const err = await expectRefused(s, RENAME, { c: '2145980001', n: '拒绝小学', leak: 'UPDATE' }, 'kitprobe.no-refused-names').catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/something was written:\n(.*\n)*? {2}core\.schools: rows changed \(still \d+\)/);
  });

  it('fails when a refused write added a row outside its transaction', async () => {
    const err = await expectRefused(s, RENAME, { c: '2145980001', n: '拒绝小学', leak: 'INSERT' }, 'kitprobe.no-refused-names').catch((e: Error) => e);
    expect((err as Error).message).toMatch(/core\.localities: 3 → 4 rows/);
  });
});

describe('snapshots', () => {
  it('cover core, its audit log and every plugin schema, not the migration records; an accepted write shows in two tables', async () => {
    const before = await snapshot(s);
    expect([...before.keys()]).toEqual(expect.arrayContaining(['core.schools', 'core.audit_log', 'core.localities']));
    expect([...before.keys()].some((t) => t.startsWith('gongzhi_migrations.'))).toBe(false);
    ok(await s.gql(RENAME, { c: '2145980001', n: '第一实验小学' }));
    // The rename, its audit row, core's data version (bumped by every write) and the change feed's
    // entry for the school (core.change_log, issue 15): nothing else.
    const changed = changedTables(before, await snapshot(s));
    expect(changed).toEqual(expect.arrayContaining([expect.stringMatching(/^core\.audit_log: \d+ → \d+ rows$/), expect.stringMatching(/^core\.schools: rows changed/), expect.stringMatching(/^core\.change_log: \d+ → \d+ rows$/)]));
    expect(changed.filter((l) => !/^core\.(audit_log|schools|data_version|change_log):/.test(l))).toEqual([]);
  });

  it('expectUnchanged passes for a read and fails for a write', async () => {
    await expectUnchanged(s, () => s.gql(`{ schools(filter: { localityCode: "450502" }) { totalCount } }`));
    await expect(expectUnchanged(s, () => s.gql(RENAME, { c: '2145980001', n: '第一小学' }))).rejects.toThrow(/core\.schools/);
  });
});

describe('findings', () => {
  it('filters by rule, status and subject, and finding() wants exactly one', async () => {
    const all = await findings(s, { localityCode: '450502', schoolYear: Y, ruleId: 'kitprobe.settled-names' });
    expect(all.map((f) => [f.subjects[0]!.key, f.status]).sort()).toEqual([['2145980001', 'PASS'], ['2145980002', 'FAIL']]);
    const failing = await finding(s, { localityCode: '450502', schoolYear: Y, ruleId: 'kitprobe.settled-names', status: 'FAIL' });
    expect(failing).toMatchObject({ rule: { id: 'kitprobe.settled-names', cite: { clause: '二' }, enforce: 'REPORT', plugin: 'kitprobe' }, subjects: [{ type: 'School', key: '2145980002' }] });
    expect((await finding(s, { localityCode: '450502', schoolYear: Y, ruleId: 'kitprobe.settled-names', subject: '2145980001' })).status).toBe('PASS');
    await expect(finding(s, { localityCode: '450502', schoolYear: Y, ruleId: 'kitprobe.settled-names' })).rejects.toThrow(/expected one finding .* got 2/);
    await expect(finding(s, { localityCode: '450502', schoolYear: Y, ruleId: 'kitprobe.settled-names', subject: '9999999999' })).rejects.toThrow(/got 0/);
  });
});

describe('tokens and results', () => {
  it('a viewer cannot write; errorOf checks the code; ok fails on errors', async () => {
    const viewer = await s.token({ roles: ['viewer'] });
    const r = await s.gql(RENAME, { c: '2145980001', n: '改名小学' }, { token: viewer });
    expect(errorOf(r, 'FORBIDDEN').extensions?.code).toBe('FORBIDDEN');
    expect(() => errorOf(r, 'NOT_FOUND')).toThrow(/expected error code NOT_FOUND, got FORBIDDEN/);
    expect(() => ok(r)).toThrow(/expected no GraphQL errors/);
    expect(() => errorOf({ status: 200, data: { x: 1 } })).toThrow(/expected a GraphQL error/);
  });

  it('statementsFor counts the SQL statements of a request', async () => {
    const { statements, data } = await s.statementsFor(`{ schools(filter: { localityCode: "450502" }) { totalCount } }`);
    expect(data.schools.totalCount).toBe(2);
    expect(statements).toBeGreaterThan(0);
  });
});
