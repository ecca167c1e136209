import { z } from 'zod';
import { badInput, type Bilingual } from './errors.js';
import { uuidOf } from './ids.js';
import { idNumberProblem } from './import/id-number.js';
import { isDivisionCode, isIsoDate, isSchoolCode, isSchoolType, isSchoolYear, STAGES } from './codes.js';

/**
 * Zod pieces for inputs, with bilingual reasons. `parseInput` turns the first failed check into a
 * BAD_USER_INPUT error naming the field (dotted path) and the reason.
 */
function bilingualRefine<T>(check: (v: T) => boolean, msg: Bilingual) {
  return [check, { message: msg.en, params: { zh: msg.zh } }] as const;
}

/**
 * A resident ID number (公民身份号码), checked as the staff import checks it: form, region, birth
 * date and check character (GB 11643-1999), each with its own reason.
 */
export const zIdNumber = z.string().superRefine((v, ctx) => {
  const problem = idNumberProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.en, params: { zh: problem.zh } });
});

/** A string matching a pattern, with a bilingual reason. */
export function zPattern(re: RegExp, msg: Bilingual) {
  return z.string().refine(...bilingualRefine<string>((v) => re.test(v), msg));
}

/**
 * An entity's id as clients send it (API.md: every argument naming an entity takes either form):
 * its UUID, or its Relay global ID of `typeName`. Parsed to the UUID, which is what tables store;
 * anything else is refused, naming what was expected. `typeName` null accepts any type's Relay id:
 * a group's type is its regime's, and the lookup then checks the group's kind.
 */
export function zNodeId(typeName: string | null, what: Bilingual) {
  return z.string().transform((v, c) => {
    const id = uuidOf(v.trim(), typeName === null ? undefined : (t) => t === typeName);
    if (id) return id;
    c.addIssue({ code: 'custom', message: `is not ${what.en} id (a UUID or its Relay id)`, params: { zh: `不是${what.zh}的 id（应为 UUID 或 Relay id）` } });
    return z.NEVER;
  });
}

/** A SchoolGroup's id, of any regime's type. */
export const zGroupId = zNodeId(null, { zh: '学校共同体', en: 'a group' });
export const zPersonId = zNodeId('Person', { zh: '人员', en: 'a person' });
export const zPostId = zNodeId('Post', { zh: '职务', en: 'a post' });
export const zExchangeId = zNodeId('Exchange', { zh: '交流记录', en: 'an exchange' });
export const zPlanId = zNodeId('Plan', { zh: '计划', en: 'a plan' });

export const zDivisionCode = z
  .string()
  .refine(...bilingualRefine<string>(isDivisionCode, {
    zh: '应为 6 位行政区划代码（GB/T 2260）或 9 位乡镇代码',
    en: 'must be a 6-digit GB/T 2260 division code or a 9-digit township code',
  }));

export const zSchoolCode = z
  .string()
  .refine(...bilingualRefine<string>(isSchoolCode, { zh: '学校标识码应为 10 位数字', en: 'a school code is exactly 10 digits' }));

export const zSchoolType = z
  .string()
  .refine(...bilingualRefine<string>(isSchoolType, { zh: '不是已知的办学类型代码', en: 'is not a known 办学类型 code' }));

export const zDate = z
  .string()
  .refine(...bilingualRefine<string>(isIsoDate, { zh: '日期格式应为 YYYY-MM-DD', en: 'a date is YYYY-MM-DD' }));

export const zSchoolYear = z
  .string()
  .refine(...bilingualRefine<string>(isSchoolYear, { zh: '学年格式应为 2019-2020', en: 'a school year is written 2019-2020' }));

export const zStage = z.enum(STAGES as [string, ...string[]]);

export const zName = z.string().trim().min(1).max(200);

const zhMap = z.locales.zhCN().localeError;
const enMap = z.locales.en().localeError;

function localise(issue: z.core.$ZodIssue, map: typeof zhMap): string {
  const out = map(issue as never);
  if (typeof out === 'string') return out;
  return out?.message ?? issue.message;
}

export function issueReason(issue: z.core.$ZodIssue): Bilingual {
  // Not zod's (another Standard Schema library): its message is all there is.
  if (!(issue as { code?: string }).code) return { zh: (issue as { message: string }).message, en: (issue as { message: string }).message };
  if (issue.code === 'custom') {
    const zh = (issue.params as { zh?: string } | undefined)?.zh;
    return { zh: zh ?? issue.message, en: issue.message };
  }
  return { zh: localise(issue, zhMap), en: localise(issue, enMap) };
}

/** A Standard Schema issue path segment: a key, or `{ key }`. */
type PathSegment = PropertyKey | { readonly key: PropertyKey };

/**
 * BAD_USER_INPUT for failed validation: the first issue names the field (dotted path, e.g.
 * `input.code`) and the reason in both languages; `issues` lists them all. Used by `parseInput`
 * and by the schema's validation plugin (builder.ts), so both answer alike.
 */
export function badInputFromIssues(issues: readonly { path?: readonly PathSegment[] | undefined; message: string }[], prefix: string[] = []) {
  const fieldOf = (i: (typeof issues)[number]) =>
    [...prefix, ...(i.path ?? []).map((p) => String(typeof p === 'object' && p !== null ? p.key : p))].filter(Boolean).join('.');
  const first = issues[0]!;
  return badInput(fieldOf(first), issueReason(first as z.core.$ZodIssue), { issues: issues.map((i) => ({ field: fieldOf(i), reason: i.message })) });
}

/** Parse a value outside a declared input (a query argument, a CLI value), or throw BAD_USER_INPUT for the first problem (prefixed with `input.`). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = 'input'): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw badInputFromIssues(r.error.issues, [prefix]);
}

/**
 * A check across an input's fields (validTo ≥ validFrom, "A is required with B"), for an input
 * type's `validate`: it runs once every field has passed its own `validate`, on their parsed values,
 * and names `field` with the reason when it fails.
 */
export function zCrossField<T>(...checks: { ok: (input: T) => boolean; field: string; reason: Bilingual }[]) {
  return checks.reduce(
    (schema, c) => schema.refine(c.ok, { path: [c.field], message: c.reason.en, params: { zh: c.reason.zh } }),
    z.custom<T>(() => true) as z.ZodType<T>,
  );
}

/**
 * For an update input's `validate`: these optional fields may be left out but not sent as null —
 * what they hold cannot be cleared (a name, a gender …). A field's own `validate` never sees null.
 */
export function zNotNull(...fields: string[]) {
  return zCrossField<Record<string, unknown>>(
    ...fields.map((field) => ({ ok: (v: Record<string, unknown>) => v[field] !== null, field, reason: { zh: '不能为 null：不修改请省略此项', en: 'cannot be null: leave it out to keep what is recorded' } })),
  );
}
