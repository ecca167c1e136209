import type { PluginSchemaApi } from './api.js';
import {
  archiveSchool,
  correctSchoolCode,
  countSchools,
  createSchool,
  getSchool,
  listSchools,
  schoolLoader,
  schoolYearStatsLoader,
  updateSchool,
  type SchoolFilter,
  type SchoolInput,
  type SchoolPageExtras,
  type SchoolPageRow,
  type SchoolRow,
} from '../repos/schools.js';
import { getNamedType, GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import type { GongzhiContext } from '../context.js';
import { localityLoader } from '../repos/localities.js';
import { schoolPlacementLoader } from '../repos/locality-history.js';
import { staffCountLoader, staffPageLoader } from '../repos/posts.js';
import { offsetForArgs, resolveOffsetConnection } from '@pothos/plugin-relay';
import { groupsBySchoolLoader } from '../repos/groups.js';
import { parseInput, zDivisionCode, zName, zSchoolCode, zSchoolType, zSchoolYear } from '../validation.js';
import { PARTITION_ARG_DESCRIPTION, partitionInput } from './partition.js';
import { runMutation } from '../mutation.js';
import { entityKey, PROVINCIAL_TAG } from '../federation.js';
import { assertCanEdit } from '../auth.js';
import { SCHOOL_TYPES, schoolCodeWarnings, type Stage } from '../codes.js';
import { onlyFieldsSelected, selectedChildFields, selectedFields, selectsOnly, selectsPath, exceptionsInputField, arrayConnection, asOfOrToday, keysetConnection, localised, payloadType, totalCountField, type PageArgs } from './helpers.js';

/**
 * What the fields below a page of schools will ask of every school, read by the page's own
 * statement (issue 9: a county dashboard of 50 schools with their statistics and head counts was
 * four statements, now two with the principals), and the page's own totalCount. Only the plain
 * cases: one school year for `yearStats`, and `staff { totalCount }` today for all roles; anything
 * else loads as before.
 */
function schoolPageExtras(ctx: GongzhiContext, info: GraphQLResolveInfo): SchoolPageExtras {
  const under = (field: string) => [...selectedFields(info, ['nodes', field]), ...selectedFields(info, ['edges', 'node', field])];
  const years = new Set(under('yearStats').map((f) => f.args.schoolYear));
  const [year] = years;
  const statsOfYear = years.size === 1 && typeof year === 'string' && zSchoolYear.safeParse(year).success ? year : undefined;
  const headCount = under('staff').some((f) => f.args.asOf == null && f.args.role == null && selectsOnly(f.node, ['totalCount', '__typename']));
  return { statsOfYear, staffCountOn: headCount ? ctx.today : undefined, total: selectsPath(info, ['totalCount']) };
}

/** Hand what the page read along to the loaders the fields below use, and give back plain school rows. */
function primeSchoolPageExtras(ctx: GongzhiContext, rows: SchoolPageRow[], extras: SchoolPageExtras): SchoolRow[] {
  const stats = extras.statsOfYear ? schoolYearStatsLoader(ctx) : null;
  const counts = extras.staffCountOn ? staffCountLoader(ctx) : null;
  return rows.map((r) => {
    if (stats) stats.prime({ schoolCode: r.school.code, schoolYear: extras.statsOfYear! }, r.stats);
    if (counts && r.staffCount !== null) counts.prime({ schoolCode: r.school.code, asOf: extras.staffCountOn!, role: null }, Number(r.staffCount));
    return r.school;
  });
}

type StaffBase = { schoolCode: string; asOf: string; role: string | null };
type FieldSelection = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

const STAFF_PAGE_SIZES = { defaultSize: 100, maxSize: 1000 };
// The keys a school's `staff` and `groups` fields load, built in one place: their resolvers and the
// prefetch of `school(code:)` ask the same keys.
const staffBase = (ctx: GongzhiContext, schoolCode: string, args: { asOf?: string | null; role?: string | null }): StaffBase => ({ schoolCode, asOf: asOfOrToday(ctx, args.asOf), role: args.role ?? null });
const staffPageKey = (base: StaffBase, offset: number, limit: number, selection: FieldSelection) => ({
  ...base,
  offset,
  limit,
  withPerson: selectsPath(selection, ['nodes', 'person']) || selectsPath(selection, ['edges', 'node', 'person']),
});
const onlyStaffCount = (selection: FieldSelection) => onlyFieldsSelected(selection, ['totalCount', '__typename']);
const schoolGroupsKey = (ctx: GongzhiContext, schoolCode: string, args: { asOf?: string | null }) => ({ id: schoolCode, asOf: asOfOrToday(ctx, args.asOf) });

/** A page of a school's staff: one statement for the pages of every school of the level (issue 9). */
async function staffPage(ctx: GongzhiContext, info: GraphQLResolveInfo, base: StaffBase, args: PageArgs) {
  let total: number | undefined;
  const conn = await resolveOffsetConnection({ args, ...STAFF_PAGE_SIZES }, async ({ offset, limit }) => {
    const page = await staffPageLoader(ctx).load(staffPageKey(base, offset, limit, info));
    if (page.rows.length) total = page.totalCount;
    return page.rows;
  });
  return Object.assign(conn, { totalCount: () => total ?? staffCountLoader(ctx).now(base) });
}

/**
 * `school(code:)` knows the code before the school is read: the staff pages and groups selected on
 * it start loading beside the school, with the keys their resolvers will ask (which then find them
 * loaded or loading), rather than one round trip later (issue 9: P2's p50 2.14 → 1.94 ms). A code
 * that names no school costs those statements for nothing; a bad argument is left to the resolver.
 */
function prefetchSchoolFields(ctx: GongzhiContext, info: GraphQLResolveInfo, schoolCode: string) {
  const type = getNamedType(info.returnType);
  if (!(type instanceof GraphQLObjectType)) return;
  const ignore = () => {};
  for (const field of selectedChildFields(info, type)) {
    const selection = { fieldNodes: field.nodes, fragments: info.fragments };
    try {
      if (field.name === 'staff' && !onlyStaffCount(selection)) {
        const { offset, limit } = offsetForArgs({ args: field.args as PageArgs, ...STAFF_PAGE_SIZES });
        staffPageLoader(ctx).load(staffPageKey(staffBase(ctx, schoolCode, field.args), offset, limit, selection)).catch(ignore);
      } else if (field.name === 'groups') groupsBySchoolLoader(ctx).load(schoolGroupsKey(ctx, schoolCode, field.args)).catch(ignore);
    } catch {
      // The resolver meets the same argument and reports it.
    }
  }
}

export function addSchoolSchema({ builder, refs }: PluginSchemaApi) {
  const { School, SchoolYearStats, Locality, Stage, SchoolArea, Post, SchoolGroup } = refs;

  const SchoolType = builder.objectRef<{ code: string }>('SchoolType').implement({
    tag: PROVINCIAL_TAG,
    description: '办学类型 — the school type code of the national statistics.',
    fields: (t) => ({
      code: t.exposeString('code', { description: '3-digit code, e.g. 211 primary, 312 nine-year, 218 teaching point.' }),
      name: t.string({ description: 'In the caller’s language.', resolve: (s, _, ctx) => localised(ctx, { zh: SCHOOL_TYPES[s.code]?.zh ?? s.code, en: SCHOOL_TYPES[s.code]?.en ?? s.code }) }),
    }),
  });

  builder.node(School, {
    tag: PROVINCIAL_TAG,
    description: '学校 — a school, keyed by its 10-digit national identifier (学校标识码).',
    id: { resolve: (s) => s.code },
    loadMany: async (codes, ctx) => (await schoolLoader(ctx).loadMany(codes)).map((r) => (r instanceof Error ? null : r)),
    fields: (t) => ({
      // String, not SchoolCode: the federation key is typed as every provincial system types it
      // (API.md "Identity and lists"); inputs keep the validating SchoolCode scalar.
      code: t.exposeString('code', { description: '学校标识码: 10 digits. The federation key (`String!`, as every system types it). Kept when only the name changes; never reused.' }),
      name: t.exposeString('name', { description: '学校名称 — the school’s current official name. A rename keeps the code.' }),
      stages: t.field({ type: [Stage], description: 'Stages taught; a nine-year school has PRIMARY and JUNIOR.', resolve: (s) => s.stages as Stage[] }),
      schoolType: t.field({ type: SchoolType, description: '办学类型 — the school type (3-digit national statistics code), e.g. 211 primary, 312 nine-year.', resolve: (s) => ({ code: s.schoolType }) }),
      county: t.field({
        type: Locality,
        description: 'The county-level division the school is in, on a date (dated locality history: a school of a district merged since shows under that district for a date before the merger).',
        args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted.' }) },
        resolve: async (s, args, ctx) => {
          const past = args.asOf ? await schoolPlacementLoader(ctx).load({ schoolCode: s.code, asOf: asOfOrToday(ctx, args.asOf) }) : null;
          return (await localityLoader(ctx).load(past?.countyCode ?? s.countyCode))!;
        },
      }),
      township: t.field({ type: Locality, nullable: true, description: '乡/镇/街道 — the township the school is in (9-digit code); null when not recorded.', resolve: (s, _, ctx) => (s.townshipCode ? localityLoader(ctx).now(s.townshipCode) : null) }),
      area: t.field({ type: SchoolArea, description: '城乡分类 — urban, town or rural area, as the national statistics classify the school.', resolve: (s) => s.area as never }),
      isRural: t.boolean({ description: 'In a rural area (乡村).', resolve: (s) => s.area === 'RURAL' }),
      authority: t.field({
        type: Locality,
        description: 'The bureau that runs the school (e.g. the city bureau for 市直属 schools), on a date: before a merger, the bureau of the district that ceased.',
        args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted.' }) },
        resolve: async (s, args, ctx) => {
          const past = args.asOf ? await schoolPlacementLoader(ctx).load({ schoolCode: s.code, asOf: asOfOrToday(ctx, args.asOf) }) : null;
          return (await localityLoader(ctx).load(past?.authorityCode ?? s.authorityCode))!;
        },
      }),
      isLegalPerson: t.exposeBoolean('isLegalPerson', { description: 'Whether the school is a legal person of its own (独立法人).' }),
      isBoarding: t.exposeBoolean('isBoarding', { description: '寄宿制 — boarding school.' }),
      isSample: t.exposeBoolean('isSample', { description: 'Sample data (demo or policy illustration), not a real record: its code may not be a real 学校标识码.' }),
      isArchived: t.boolean({ description: 'Closed or merged (已撤并): kept for history, left out of lists unless asked for. Its code is never reused.', resolve: (s) => !!s.archivedAt }),
      version: t.exposeInt('version', { description: 'Pass it back as `expectedVersion` to update safely.' }),
      codeWarnings: t.stringList({
        description: 'Where the code’s category or province digits disagree with the school’s type or county. Warnings, not errors: the code layout comes from secondary sources.',
        resolve: (s) => schoolCodeWarnings(s.code, s.schoolType, s.countyCode),
      }),
      yearStats: t.field({
        type: SchoolYearStats,
        nullable: true,
        description: 'The school’s facts for a school year; null when none were imported for that year.',
        args: { schoolYear: t.arg({ type: 'SchoolYear', required: true, description: 'The school year, e.g. `2023-2024` (1 Sep – 31 Aug).' }) },
        resolve: (s, args, ctx) => schoolYearStatsLoader(ctx).now({ schoolCode: s.code, schoolYear: parseInput(zSchoolYear, args.schoolYear, 'schoolYear') }),
      }),
      // A connection: a large school has 200+ staff (API.md: lists past 100). The pages of every
      // school in the request load in one statement per level, filtered, counted and cut in SQL.
      staff: t.connection(
        {
          type: Post,
          description: 'Posts held at the school on a date (today by default): principal, teachers, …, a page at a time (100 by default, up to 1000), ordered by role, first day and id.',
          args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted. A post counts from its validFrom to its validTo, both inclusive.' }), role: t.arg.string({ description: 'Only this role, e.g. PRINCIPAL.' }) },
          resolve: (s, args, ctx, info) => {
            const base = staffBase(ctx, s.code, args);
            // `staff { totalCount }` (a dashboard's head count) reads counts, not the posts; answered
            // at once when the page of schools primed it.
            if (onlyStaffCount(info))
              return { edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: () => staffCountLoader(ctx).now(base) };
            return staffPage(ctx, info, base, args);
          },
        },
        { name: 'SchoolStaffConnection', description: 'A page of a school’s posts.', fields: (c) => ({ totalCount: totalCountField(c, 'All posts that match `asOf` and `role`.') }) },
        { description: 'One post in a page of a school’s staff, with its cursor.' },
      ),
      groups: t.field({
        type: [SchoolGroup],
        description: 'The groups (学区, 总校, 教育集团 …) the school belongs to on a date.',
        args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted.' }) },
        resolve: (s, args, ctx) => groupsBySchoolLoader(ctx).load(schoolGroupsKey(ctx, s.code, args)),
      }),
    }),
  });
  builder.asEntity(School, {
    key: builder.selection<{ code: string }>('code'),
    // A malformed code is BAD_USER_INPUT; a well-formed one that names no school is null (federation spec).
    resolveReference: async (ref, ctx) => (await schoolLoader(ctx).load(entityKey(ref, 'code', zSchoolCode))) ?? (null as never),
  });

  SchoolYearStats.implement({
    tag: PROVINCIAL_TAG,
    description: 'A school’s facts for one school year, as in the national statistics (基表).',
    fields: (t) => ({
      schoolYear: t.field({ type: 'SchoolYear', description: 'The school year the figures describe (1 Sep – 31 Aug).', resolve: (r) => r.schoolYear }),
      enrollmentKindergarten: t.exposeInt('enrollmentKindergarten', { description: 'Children enrolled in kindergarten classes.' }),
      enrollmentPrimary: t.exposeInt('enrollmentPrimary', { description: 'Pupils enrolled in primary grades.' }),
      enrollmentJunior: t.exposeInt('enrollmentJunior', { description: 'Pupils enrolled in junior grades.' }),
      enrollmentSenior: t.exposeInt('enrollmentSenior', { description: 'Pupils enrolled in senior grades.' }),
      enrollment: t.int({ description: 'All pupils.', resolve: (r) => r.enrollmentKindergarten + r.enrollmentPrimary + r.enrollmentJunior + r.enrollmentSenior }),
      classes: t.exposeInt('classes', { description: 'Number of classes (班级数).' }),
      teachingAuxAreaM2: t.exposeFloat('teachingAuxAreaM2', { description: '教学及辅助用房面积 — teaching and auxiliary floor area, m².' }),
      sportsGroundAreaM2: t.exposeFloat('sportsGroundAreaM2', { description: '体育运动场馆面积 — sports ground area, m².' }),
      equipmentValueFen: t.expose('equipmentValueFen', { type: 'Fen', description: '教学仪器设备值 — teaching equipment value, in fen (1 yuan = 100 fen).' }),
      multimediaClassrooms: t.exposeInt('multimediaClassrooms', { description: '网络多媒体教室 — networked multimedia classrooms.' }),
    }),
  });

  const SchoolFilterInput = builder.inputType('SchoolFilter', {
    description: 'Narrow a list of schools. All given conditions apply.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', validate: zDivisionCode, description: 'Schools inside this province, city, county or township.' }),
      stage: t.field({ type: Stage, description: 'Schools that teach this stage (a nine-year school matches both PRIMARY and JUNIOR).' }),
      schoolType: t.string({ description: '办学类型 code, e.g. 211.' }),
      area: t.field({ type: SchoolArea, description: 'Schools in this 城乡分类 area.' }),
      isRural: t.boolean({ description: 'true: rural (乡村) schools only; false: urban and town schools only.' }),
      isSample: t.boolean({ description: 'true: sample records only; false: real records only; omitted: both.' }),
      nameContains: t.string({ description: 'Schools whose name contains this text (case-insensitive).' }),
      includeArchived: t.boolean({ description: 'Archived schools are left out unless asked for.' }),
    }),
  });

  const PartitionInput = partitionInput(builder);

  builder.queryFields((t) => ({
    school: t.field({
      tag: PROVINCIAL_TAG,
      type: School,
      nullable: true,
      description: 'A school by its 10-digit code; null when no school has it. Archived schools are still found.',
      args: { code: t.arg({ type: 'SchoolCode', required: true, description: '学校标识码 — 10 digits.' }) },
      resolve: (_, { code }, ctx, info) => {
        const schoolCode = parseInput(zSchoolCode, code, 'code');
        prefetchSchoolFields(ctx, info, schoolCode);
        return schoolLoader(ctx).load(schoolCode);
      },
    }),
    schools: t.connection({
      tag: PROVINCIAL_TAG,
      type: School,
      description: 'Schools in code order, a page at a time; a large pull reads it in parallel slices (`partition`).',
      args: {
        filter: t.arg({ type: SchoolFilterInput, description: 'Which schools; every school not archived when omitted.' }),
        partition: t.arg({ type: PartitionInput, description: PARTITION_ARG_DESCRIPTION }),
      },
      resolve: (_, args, ctx, info) => {
        const f = { ...(args.filter ?? {}), partition: args.partition ?? null } as SchoolFilter;
        const extras = schoolPageExtras(ctx, info);
        let total: number | undefined;
        return keysetConnection<SchoolRow>(
          args,
          (s) => s.code,
          async (page) => {
            const rows = await listSchools(ctx.db, f, page, extras);
            if (rows[0]?.total != null) total = Number(rows[0].total);
            return primeSchoolPageExtras(ctx, rows, extras);
          },
          // An empty page carries no total: counted on its own then.
          async () => total ?? countSchools(ctx.db, f),
        );
      },
    }, { name: 'SchoolConnection', description: 'A page of schools.', fields: (t) => ({ totalCount: totalCountField(t, 'All schools that match the filter.') }) }, { description: 'One school in a page of schools, with its cursor.' }),
  }));

  const SchoolPayload = payloadType(builder, 'SchoolPayload', 'school', School, 'The result of a school mutation.');

  const CreateSchoolInput = builder.inputType('CreateSchoolInput', {
    description: 'Register a school. Its code is checked against its type and province as a warning (`codeWarnings`), not a refusal.',
    fields: (t) => ({
      code: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: '学校标识码 — 10 digits; unique, and never reused once archived.' }),
      name: t.string({ required: true, validate: zName, description: '学校名称 — official name.' }),
      schoolType: t.string({ required: true, validate: zSchoolType, description: '办学类型 code (111, 211, 218, 311, 312, 341, 342, 345, 361–369, 511–514).' }),
      stages: t.field({ type: [Stage], description: 'Defaults to the stages of the school type.' }),
      countyCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The county-level division (6 digits) the school is in; your editor scope must cover it.' }),
      townshipCode: t.field({ type: 'DivisionCode', validate: zDivisionCode, description: '乡/镇/街道 — 9-digit township code inside the county, if known.' }),
      area: t.field({ type: SchoolArea, required: true, description: '城乡分类 — urban, town or rural.' }),
      authorityCode: t.field({ type: 'DivisionCode', validate: zDivisionCode, description: 'The bureau that runs it; defaults to the county.' }),
      isLegalPerson: t.boolean({ description: '独立法人 — a legal person of its own; true when omitted.' }),
      isBoarding: t.boolean({ description: '寄宿制 — a boarding school; false when omitted.' }),
      isSample: t.boolean({ description: 'Mark records that are not real schools.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const UpdateSchoolInput = builder.inputType('UpdateSchoolInput', {
    description: 'Change a school. Omitted fields stay as they are. The code cannot change.',
    fields: (t) => ({
      code: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: '学校标识码 of the school to change.' }),
      expectedVersion: t.int({ description: 'The version you read; CONFLICT if someone changed it since.' }),
      name: t.string({ validate: zName, description: 'A new official name (the code stays).' }),
      schoolType: t.string({ validate: zSchoolType, description: 'A new 办学类型 code; unless `stages` is given too, the stages become those of the new type.' }),
      stages: t.field({ type: [Stage], description: 'The stages taught, replacing the current list.' }),
      countyCode: t.field({ type: 'DivisionCode', validate: zDivisionCode, description: 'Move the school to another county (needs the editor scope of both counties).' }),
      townshipCode: t.field({ type: 'DivisionCode', validate: zDivisionCode, description: 'A new 9-digit township code; null clears it.' }),
      area: t.field({ type: SchoolArea, description: 'A new 城乡分类 area.' }),
      authorityCode: t.field({ type: 'DivisionCode', validate: zDivisionCode, description: 'A new running bureau (e.g. the city bureau when the school becomes 市直属).' }),
      isLegalPerson: t.boolean({ description: '独立法人 — whether the school is a legal person of its own.' }),
      isBoarding: t.boolean({ description: '寄宿制 — whether it boards pupils.' }),
      isSample: t.boolean({ description: 'Whether the record is sample data rather than a real school.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const ArchiveSchoolInput = builder.inputType('ArchiveSchoolInput', {
    description: 'Archive a school that closed or merged.',
    fields: (t) => ({ code: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: '学校标识码 of the school to archive.' }), exceptions: exceptionsInputField(t, refs) }),
  });

  const CorrectSchoolCodeInput = builder.inputType('CorrectSchoolCodeInput', {
    description: 'Correct a mistyped 学校标识码: the school, and everything that refers to it, moves to the right code. Not for a real change of code (a code is kept for life): for a code registered in error.',
    fields: (t) => ({
      code: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The code as it was registered, in error.' }),
      newCode: t.field({ type: 'SchoolCode', required: true, validate: zSchoolCode, description: 'The right 学校标识码; no school may have it.' }),
      expectedVersion: t.int({ description: 'The version you read; CONFLICT if someone changed it since.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  builder.mutationFields((t) => ({
    createSchool: t.field({
      type: SchoolPayload,
      description: 'Register a school (editor role covering its county).',
      args: { input: t.arg({ type: CreateSchoolInput, required: true, description: 'The school’s code, name, type and place.' }) },
      resolve: async (_, { input }, ctx) => {
        const { exceptions, ...data } = input;
        return runMutation(ctx, { operation: 'createSchool', localityCode: data.countyCode, fields: Object.keys(input), exceptions }, async (tx) => {
          const row = await createSchool(tx, { ...data, stages: data.stages as Stage[] | null });
          return { result: { school: row }, changes: [{ entity: 'School', key: row.code }] };
        });
      },
    }),
    updateSchool: t.field({
      type: SchoolPayload,
      description: 'Change a school’s name, type, stages, place or flags (editor role covering its county). Its code never changes.',
      args: { input: t.arg({ type: UpdateSchoolInput, required: true, description: 'The school and the fields to change.' }) },
      resolve: async (_, { input }, ctx) => {
        const { code, expectedVersion, exceptions, ...patch } = input;
        const current = await getSchool(ctx.db, code);
        // Moving a school between counties needs the editor scope of both.
        if (patch.countyCode && patch.countyCode !== current.countyCode) assertCanEdit(ctx.principal, current.countyCode);
        return runMutation(ctx, { operation: 'updateSchool', localityCode: patch.countyCode ?? current.countyCode, fields: Object.keys(input), exceptions }, async (tx) => {
          // null in a field that cannot be cleared (name, type, county …) leaves it as it is, as omitting it does.
          const row = await updateSchool(tx, code, { ...patch, stages: patch.stages as Stage[] | null | undefined } as Partial<SchoolInput>, expectedVersion);
          // A new type brings new stages unless they are given (updateSchool's rule), so both are named.
          const fields = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
          if (fields.includes('schoolType') && !fields.includes('stages')) fields.push('stages');
          return { result: { school: row }, changes: [{ entity: 'School', key: row.code, fields }] };
        });
      },
    }),
    correctSchoolCode: t.field({
      type: SchoolPayload,
      description: 'Correct a school code registered in error (editor role covering its county). Its posts, memberships, yearly facts and every regime’s records follow it; the change feed tells it as a key change (`newKey` / `previousKey`). The old code is gone, never reused.',
      args: { input: t.arg({ type: CorrectSchoolCodeInput, required: true, description: 'The wrong code and the right one.' }) },
      resolve: async (_, { input }, ctx) => {
        const current = await getSchool(ctx.db, input.code);
        return runMutation(ctx, { operation: 'correctSchoolCode', localityCode: current.countyCode, fields: ['code', 'newCode'], exceptions: input.exceptions }, async (tx) => {
          const row = await correctSchoolCode(tx, input.code, input.newCode, input.expectedVersion);
          return { result: { school: row }, changes: [{ entity: 'School', key: row.code, fields: ['code'] }] };
        });
      },
    }),
    archiveSchool: t.field({
      type: SchoolPayload,
      description: 'Archive a closed or merged school. Its history is kept and its code is never reused.',
      args: { input: t.arg({ type: ArchiveSchoolInput, required: true, description: 'The school to archive.' }) },
      resolve: async (_, { input }, ctx) => {
        const { code } = input;
        const current = await getSchool(ctx.db, code);
        return runMutation(ctx, { operation: 'archiveSchool', localityCode: current.countyCode, fields: ['code'], exceptions: input.exceptions }, async (tx) => {
          const row = await archiveSchool(tx, code);
          return { result: { school: row }, changes: [{ entity: 'School', key: row.code }] };
        });
      },
    }),
  }));
}
