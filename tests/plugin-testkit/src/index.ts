import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import {
  byKey,
  defineLoader,
  definePlugin,
  defineRule,
  getSchool,
  parseInput,
  payloadType,
  runMutation,
  schoolFilterSql,
  tables as core,
  zName,
  zSchoolCode,
} from '@gongzhi/core';
import { mottos } from './tables.js';

/**
 * A test-only regime: it adds a table, a type, a field on School, a mutation, a write rule and a
 * report rule, all through core's public contract — the foundation's proof that a plugin can.
 */
const options = z.object({
  maxMottoLength: z.number().int().min(1).max(100).default(12).describe('Longest motto allowed, in characters (the "document" says 12).'),
});
type Options = z.output<typeof options>;

const mottoLoader = defineLoader<string, typeof mottos.$inferSelect | null>('testkit.motto', async (db, codes) =>
  byKey(codes, await db.select().from(mottos).where(inArray(mottos.schoolCode, [...codes])), (r) => r.schoolCode),
);

const mottoLength = defineRule<Options>({
  id: 'testkit.motto-length',
  title: { zh: '校训不超过规定字数', en: 'a motto is no longer than the limit' },
  cite: { doc: '测试文件〔2026〕1号', clause: '一' },
  enforce: 'write',
  appliesTo: ['TestkitMotto'],
  async evaluate({ db, options: o, changes }) {
    const rows = await db.select().from(mottos).where(inArray(mottos.schoolCode, changes.map((c) => c.key)));
    return rows.map((r) => ({
      status: [...r.motto].length <= o.maxMottoLength ? 'PASS' : 'FAIL',
      measured: [...r.motto].length,
      expected: { max: o.maxMottoLength },
      subjects: [{ type: 'School', key: r.schoolCode }],
    }));
  },
});

const everySchoolHasMotto = defineRule<Options>({
  id: 'testkit.every-school-has-motto',
  title: { zh: '每所学校都有校训', en: 'every school has a motto' },
  cite: { doc: '测试文件〔2026〕1号', clause: '二' },
  enforce: 'report',
  appliesTo: ['School'],
  async evaluate({ db, localityCode }) {
    const schools = await db.select().from(core.schools).where(schoolFilterSql({ localityCode }));
    const set = await db.select().from(mottos).where(inArray(mottos.schoolCode, schools.length ? schools.map((s) => s.code) : ['']));
    return schools.map((s) => ({
      status: set.some((m) => m.schoolCode === s.code) ? 'PASS' : 'FAIL',
      measured: set.some((m) => m.schoolCode === s.code),
      expected: true,
      subjects: [{ type: 'School', key: s.code, name: s.name }],
    }));
  },
});

export default definePlugin({
  id: 'testkit',
  title: { zh: '测试治理模式', en: 'Test regime' },
  policy: { doc: '测试文件〔2026〕1号', issuer: 'Gongzhi tests', issued: '2026-01-01' },
  coreVersion: '^0.1.0',
  options,
  tables: { mottos },
  migrations: new URL('../migrations', import.meta.url),
  entities: ['TestkitMotto'],
  // A motto is a field on School (School.testkitMotto): setting one changes the School in the
  // change feed, through the plugin contract's changeFeed hook (core names no plugin).
  changeFeed: [{ type: 'School', table: 'testkit.mottos', key: 'school_code', locality: 'county_code', parent: { table: 'core.schools', key: 'code' } }],
  rules: [mottoLength, everySchoolHasMotto],
  schema: ({ builder, refs }) => {
    const Motto = builder.objectRef<typeof mottos.$inferSelect>('TestkitMotto').implement({
      description: 'A school motto (test regime).',
      fields: (t) => ({ motto: t.exposeString('motto', { description: 'The motto.' }) }),
    });
    builder.objectField(refs.School, 'testkitMotto', (t) =>
      t.field({ type: Motto, nullable: true, description: 'The school motto (test regime).', resolve: (s, _, ctx) => mottoLoader(ctx).load(s.code) }),
    );
    const Payload = payloadType(builder, 'SetTestkitMottoPayload', 'motto', Motto, 'The motto as set.');
    const Input = builder.inputType('SetTestkitMottoInput', {
      fields: (t) => ({ schoolCode: t.field({ type: 'SchoolCode', required: true }), motto: t.string({ required: true }) }),
    });
    const zInput = z.object({ schoolCode: zSchoolCode, motto: zName });
    builder.mutationField('setTestkitMotto', (t) =>
      t.field({
        type: Payload,
        description: 'Set a school’s motto (test regime).',
        args: { input: t.arg({ type: Input, required: true }) },
        resolve: async (_, { input }, ctx) => {
          const data = parseInput(zInput, input);
          const school = await getSchool(ctx.db, data.schoolCode);
          return runMutation(ctx, { operation: 'setTestkitMotto', localityCode: school.countyCode, plugin: 'testkit', fields: ['schoolCode', 'motto'] }, async (tx) => {
            await tx.insert(mottos).values(data).onConflictDoUpdate({ target: mottos.schoolCode, set: { motto: data.motto } });
            const [row] = await tx.select().from(mottos).where(eq(mottos.schoolCode, data.schoolCode));
            return { result: { motto: row! }, changes: [{ entity: 'TestkitMotto', key: data.schoolCode }] };
          });
        },
      }),
    );
  },
});
