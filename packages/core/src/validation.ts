import { z } from 'zod';
import { badInput, type Bilingual } from './errors.js';
import { uuidOf } from './ids.js';
import { isDivisionCode, isIsoDate, isSchoolCode, isSchoolType, isSchoolYear, STAGES } from './codes.js';

/**
 * Zod pieces for inputs, with bilingual reasons. `parseInput` turns the first failed check into a
 * BAD_USER_INPUT error naming the field (dotted path) and the reason.
 */
function bilingualRefine<T>(check: (v: T) => boolean, msg: Bilingual) {
  return [check, { message: msg.en, params: { zh: msg.zh } }] as const;
}

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
  if (issue.code === 'custom') {
    const zh = (issue.params as { zh?: string } | undefined)?.zh;
    return { zh: zh ?? issue.message, en: issue.message };
  }
  return { zh: localise(issue, zhMap), en: localise(issue, enMap) };
}

/** Parse a mutation input, or throw BAD_USER_INPUT for the first problem (prefixed with `input.`). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = 'input'): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  throw badInput(field, issueReason(issue), {
    issues: r.error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join('.'), reason: i.message })),
  });
}
