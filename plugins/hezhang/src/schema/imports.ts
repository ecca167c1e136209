/**
 * importHezhangAttendance — the sign-in export of a school (or several) sent as CSV text or base64
 * XLSX: checked whole first (row-level errors, nothing written while a row is bad unless
 * `loadGoodRows`), then written in the mutation's transaction. Idempotent: a row replaces the
 * person's day. The county's yearly bulk load runs the same importer on a file (importAttendanceFile).
 */
import { z } from 'zod';
import { exceptionsInputField, localised, runMutation, zDivisionCode, type ImportIssue, type PluginSchemaApi } from '@gongzhi/core';
import { PLUGIN_ID } from '../domain.js';
import { csvRows, importAttendanceRows, xlsxRows, type AttendanceImportOutcome } from '../import.js';

/** 20 MB of CSV (about 300,000 rows): a school's year. Larger loads go through the file importer. */
const MAX_CONTENT = 20 * 1024 * 1024;

export function addImportSchema({ builder, refs }: PluginSchemaApi) {
  const Format = builder.enumType('HezhangImportFormat', {
    description: 'The file’s format.',
    values: { CSV: { value: 'CSV', description: 'CSV text, UTF-8 (a BOM is allowed).' }, XLSX: { value: 'XLSX', description: 'An Excel workbook, base64-encoded; its first sheet is read.' } },
  });
  const Issue = builder.objectRef<ImportIssue>('HezhangImportIssue').implement({
    description: 'A problem with one row of the file (row 1 is the header row).',
    fields: (t) => ({
      row: t.exposeInt('row', { description: 'The row as the file’s user sees it (1: the header).' }),
      column: t.string({ nullable: true, description: 'The column key, e.g. `pmOut`; null for the whole row or file.', resolve: (i) => i.column }),
      reason: t.string({ description: 'Why, in the caller’s language.', resolve: (i, _, ctx) => localised(ctx, i.reason) }),
    }),
  });
  const Payload = builder.objectRef<AttendanceImportOutcome>('ImportHezhangAttendancePayload').implement({
    description: 'What the import read, wrote and refused.',
    fields: (t) => ({
      rows: t.exposeInt('rows', { description: 'Data rows read (blank rows skipped).' }),
      loaded: t.exposeInt('loaded', { description: 'Rows written (new or replacing the same person’s day); 0 when refused.' }),
      errorCount: t.exposeInt('errorCount', { description: 'How many problems were found.' }),
      errors: t.field({ type: [Issue], description: 'The first 1,000 problems.', resolve: (o) => o.errors }),
      warnings: t.field({ type: [Issue], description: 'Warnings (unrecognised columns, ignored).', resolve: (o) => o.warnings }),
    }),
  });
  const Input = builder.inputType('ImportHezhangAttendanceInput', {
    description: '考勤导入 — a sign-in export: columns 学校标识码, 人员ID, 日期, 上午签到, 上午签退, 下午签到, 下午签退, 请假类别, 请假说明, 审批人 (README).',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The county whose schools and staff the file names (520527 赫章县).' }),
      format: t.field({ type: Format, required: true, description: 'CSV or XLSX.' }),
      content: t.string({ required: true, validate: z.string().min(1).max(MAX_CONTENT), description: 'The file: CSV text, or the XLSX’s bytes in base64 (at most 20 MB).' }),
      loadGoodRows: t.boolean({ description: 'Write the good rows even when some are bad (false when omitted: a bad row refuses the file).' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  builder.mutationField('importHezhangAttendance', (t) =>
    t.field({
      type: Payload,
      description: 'Import daily attendance from a sign-in export (二(一)3): row-level errors, idempotent (a row replaces the person’s day).',
      args: { input: t.arg({ type: Input, required: true, description: 'The county, the format and the file.' }) },
      resolve: async (_, { input }, ctx) => {
        const countyCode = input.localityCode.slice(0, 6);
        const rows = () => (input.format === 'XLSX' ? xlsxRows(Buffer.from(input.content, 'base64')) : csvRows(input.content));
        return runMutation(ctx, { operation: 'importHezhangAttendance', localityCode: countyCode, plugin: PLUGIN_ID, fields: ['localityCode', 'format', 'content', 'loadGoodRows'], exceptions: input.exceptions }, async (tx) => {
          const checked = await importAttendanceRows(tx, rows(), { countyCode, write: false });
          if (checked.errorCount && !input.loadGoodRows) return { result: { ...checked, loaded: 0 }, changes: [] };
          const written = await importAttendanceRows(tx, rows(), { countyCode, write: true, loadGoodRows: true });
          return { result: { ...written, errors: checked.errors, errorCount: checked.errorCount }, changes: [] };
        });
      },
    }),
  );
}
