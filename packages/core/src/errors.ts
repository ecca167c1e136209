import { GraphQLError } from 'graphql';

/**
 * Expected failures. Each carries a stable English `code` that clients branch on, the details a
 * client needs (see API.md), and a message in Chinese and English; the server picks the language
 * from Accept-Language when it formats the error. Messages never hold personal data or SQL.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'RULE_VIOLATION'
  | 'GOVERNANCE_NOT_ENABLED'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'GRAPHQL_VALIDATION_FAILED'
  | 'TIMEOUT';

export interface Bilingual {
  zh: string;
  en: string;
}

export class GongzhiError extends GraphQLError {
  readonly bilingual: Bilingual;
  constructor(code: ErrorCode, message: Bilingual, details: Record<string, unknown> = {}) {
    super(message.zh, { extensions: { code, ...details } });
    this.bilingual = message;
  }
  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export function badInput(field: string, reason: Bilingual, extra: Record<string, unknown> = {}): GongzhiError {
  return new GongzhiError(
    'BAD_USER_INPUT',
    { zh: `输入有误：${field} — ${reason.zh}`, en: `Invalid input: ${field} — ${reason.en}` },
    { field, reason: reason.en, ...extra },
  );
}

const ENTITY_ZH: Record<string, string> = {
  Locality: '行政区划',
  School: '学校',
  Person: '人员',
  Post: '职务',
  SchoolGroup: '学校共同体',
  Exchange: '交流记录',
  Plugin: '治理模式插件',
};

export function notFound(entity: string, key: string, field?: string): GongzhiError {
  const zh = ENTITY_ZH[entity] ?? entity;
  return new GongzhiError(
    'NOT_FOUND',
    { zh: `未找到${zh}：${key}`, en: `${entity} not found: ${key}` },
    field ? { entity, key, field } : { entity, key },
  );
}

export function conflict(entity: string, expectedVersion: number, actualVersion: number): GongzhiError {
  return new GongzhiError(
    'CONFLICT',
    {
      zh: `${ENTITY_ZH[entity] ?? entity}已被他人修改（版本 ${actualVersion}，而非 ${expectedVersion}），请刷新后重试`,
      en: `${entity} was changed by someone else (version ${actualVersion}, not ${expectedVersion}); reload and retry`,
    },
    { entity, expectedVersion, actualVersion },
  );
}

export function unauthenticated(reason: Bilingual): GongzhiError {
  return new GongzhiError(
    'UNAUTHENTICATED',
    { zh: `身份验证失败：${reason.zh}`, en: `Authentication failed: ${reason.en}` },
    { reason: reason.en },
  );
}

export function forbidden(scope: string, reason: Bilingual): GongzhiError {
  return new GongzhiError(
    'FORBIDDEN',
    { zh: `无权操作：${reason.zh}`, en: `Forbidden: ${reason.en}` },
    { scope },
  );
}

export function governanceNotEnabled(localityCode: string, plugin: string, title?: Bilingual): GongzhiError {
  return new GongzhiError(
    'GOVERNANCE_NOT_ENABLED',
    {
      zh: `${localityCode} 未启用治理模式「${title?.zh ?? plugin}」`,
      en: `Locality ${localityCode} has not enabled the governance model "${title?.en ?? plugin}"`,
    },
    { localityCode, plugin },
  );
}

/** Pick the message for a language tag list such as an Accept-Language header. */
export function pickLanguage(acceptLanguage: string | undefined | null): 'zh' | 'en' {
  if (!acceptLanguage) return 'zh';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}
