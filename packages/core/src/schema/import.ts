import type { PluginSchemaApi } from './api.js';
import { badInput } from '../errors.js';
import { runMutation } from '../mutation.js';
import { zDivisionCode, zSchoolYear } from '../validation.js';
import { getLocality } from '../repos/localities.js';
import type { ImportIssue, RawRow } from '../import/columns.js';
import { validateStatsRows, writeStatsRows, type StatsWriteResult } from '../import/stats.js';
import { exceptionsInputField, localised } from './helpers.js';

/**
 * `importSchoolYearStats`: the statistics import for front-ends. The same validation as the CLI
 * (`gongzhi import stats`), with rows numbered by their index in `input.rows`.
 */
interface ImportOutcome extends StatsWriteResult {
  schoolYear: string;
  rowsReceived: number;
  rowsLoaded: number;
  rejected: ImportIssue[];
  warnings: ImportIssue[];
}

const fieldOf = (i: ImportIssue) => (i.column ? `input.rows.${i.row}.${i.column}` : `input.rows.${i.row}`);

export function addImportSchema({ builder, refs }: PluginSchemaApi) {
  const { SchoolArea } = refs;

  const Issue = builder.objectRef<ImportIssue>('ImportRowIssue').implement({
    description: 'A problem with one row of an import.',
    fields: (t) => ({
      row: t.exposeInt('row', { description: 'The row’s index in `input.rows` (0-based).' }),
      column: t.string({ nullable: true, description: 'The field of the row, e.g. `teachingAuxAreaM2`.', resolve: (i) => i.column }),
      field: t.string({ description: 'The input path, e.g. `input.rows.3.teachingAuxAreaM2`.', resolve: fieldOf }),
      reason: t.string({ description: 'Why, in the caller’s language.', resolve: (i, _, ctx) => localised(ctx, i.reason) }),
    }),
  });

  const Row = builder.inputType('SchoolYearStatsImportRow', {
    description: 'One school’s statistics for the year (基表). Columns as in IMPORT.md; a school not yet registered is registered from the row.',
    fields: (t) => ({
      schoolCode: t.field({ type: 'SchoolCode', required: true, description: '学校标识码.' }),
      name: t.string({ required: true, description: '学校名称.' }),
      schoolType: t.string({ required: true, description: '办学类型 code (211, 218, 311, 312, 341, 345 …) or its Chinese name.' }),
      countyCode: t.field({ type: 'DivisionCode', required: true, description: 'The county the school is in.' }),
      townshipCode: t.field({ type: 'DivisionCode', description: '9-digit township code.' }),
      area: t.field({ type: SchoolArea, description: '城乡分类: required for a school not yet registered.' }),
      enrollmentKindergarten: t.int({ description: '附设幼儿班在园人数 (default 0).' }),
      enrollmentPrimary: t.int({ description: '小学在校生数 (default 0).' }),
      enrollmentJunior: t.int({ description: '初中在校生数 (default 0).' }),
      enrollmentSenior: t.int({ description: '高中在校生数 (default 0).' }),
      classes: t.int({ description: '班级数 (default 0).' }),
      teachingAuxAreaM2: t.float({ required: true, description: '教学及辅助用房面积, m².' }),
      sportsGroundAreaM2: t.float({ required: true, description: '体育运动场馆面积, m².' }),
      equipmentValueFen: t.field({ type: 'Fen', required: true, description: '教学仪器设备值 — teaching equipment value, in fen (1 yuan = 100 fen).' }),
      multimediaClassrooms: t.int({ required: true, description: '网络多媒体教室数.' }),
      isSample: t.boolean({ description: 'Sample data, not a real school.' }),
    }),
  });

  const Input = builder.inputType('ImportSchoolYearStatsInput', {
    description: 'A county’s statistics (基表) for one school year: one row per school, at most 20,000 rows.',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The locality the rows belong to (your editor scope); every row’s county must lie in it.' }),
      schoolYear: t.field({ type: 'SchoolYear', required: true, validate: zSchoolYear, description: 'The school year the figures describe, e.g. `2023-2024`; a school’s earlier figures for that year are replaced.' }),
      rows: t.field({ type: [Row], required: true, description: 'One row per school (at most 20,000); problems are reported by the row’s index.' }),
      loadGoodRows: t.boolean({ description: 'Write the valid rows even when some are bad (they are listed in `rejectedRows`). Default: any bad row refuses the whole import.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });

  const Payload = builder.objectRef<ImportOutcome>('ImportSchoolYearStatsPayload').implement({
    description: 'What the import wrote. Re-sending the same rows changes nothing (`unchanged` counts them).',
    fields: (t) => ({
      schoolYear: t.field({ type: 'SchoolYear', description: 'The school year imported.', resolve: (o) => o.schoolYear }),
      rowsReceived: t.exposeInt('rowsReceived', { description: 'Rows sent in `input.rows`, good and bad.' }),
      rowsLoaded: t.exposeInt('rowsLoaded', { description: 'Valid rows written (changed or not).' }),
      schoolsCreated: t.exposeInt('schoolsCreated', { description: 'Schools registered from rows whose school code was not yet known.' }),
      schoolsUpdated: t.exposeInt('schoolsUpdated', { description: 'Registered schools whose name, type, township, area or sample flag the rows changed.' }),
      statsCreated: t.exposeInt('statsCreated', { description: 'Schools that had no statistics for the year before this import.' }),
      statsUpdated: t.exposeInt('statsUpdated', { description: 'Schools whose statistics for the year this import changed.' }),
      unchanged: t.exposeInt('unchanged', { description: 'Rows equal to what was stored.' }),
      rejectedRows: t.field({ type: [Issue], description: 'With loadGoodRows: the problems of the rows left out.', resolve: (o) => o.rejected }),
      warnings: t.field({ type: [Issue], description: 'Loaded, but worth a look (e.g. a school code whose category digits disagree with its type).', resolve: (o) => o.warnings }),
    }),
  });

  builder.mutationFields((t) => ({
    importSchoolYearStats: t.field({
      type: Payload,
      description: 'Load a county’s yearly school statistics (one row per school), as `gongzhi import stats` does. Every row is validated; any bad row refuses the import with BAD_USER_INPUT listing every problem (`extensions.errors`: row, column, field, reason) unless `loadGoodRows`. One transaction.',
      args: { input: t.arg({ type: Input, required: true, description: 'The locality, the school year and the rows.' }) },
      resolve: async (_, { input }, ctx) => {
        const { localityCode, schoolYear } = input;
        await getLocality(ctx.db, localityCode);
        if (input.rows.length > 20_000) throw badInput('input.rows', { zh: '一次最多 20000 行', en: 'at most 20,000 rows at a time' });
        const raw: RawRow[] = input.rows.map((values, row) => ({ row, values: values as Record<string, unknown> }));
        return runMutation(ctx, { operation: 'importSchoolYearStats', localityCode, fields: ['localityCode', 'schoolYear', 'rows'], exceptions: input.exceptions }, async (tx) => {
          const v = await validateStatsRows(tx, raw, { withinLocality: localityCode });
          if (v.errors.length && !input.loadGoodRows) {
            const first = v.errors[0]!;
            throw badInput(fieldOf(first), first.reason, {
              row: first.row,
              column: first.column,
              errors: v.errors.map((e) => ({ row: e.row, column: e.column, field: fieldOf(e), reason: e.reason.en, reasonZh: e.reason.zh })),
            });
          }
          const written = await writeStatsRows(tx, v.good, schoolYear, v.existing);
          return {
            result: { ...written, schoolYear, rowsReceived: raw.length, rowsLoaded: v.good.length, rejected: v.errors, warnings: v.warnings },
            changes: v.good.map((r) => ({ entity: 'School', key: r.schoolCode })),
          };
        });
      },
    }),
  }));
}
