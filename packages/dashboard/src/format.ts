/** Chinese labels and number formats shared by the views. */
import type { Status } from './queries';

export const STATUS_ZH: Record<Status, string> = { PASS: '符合', FAIL: '不符合', WARN: '提示', NOT_APPLICABLE: '不适用' };
export const LEVEL_ZH: Record<string, string> = { PROVINCE: '省（区）', CITY: '市（州）', COUNTY: '县（区）', TOWNSHIP: '乡镇' };
export const SUBJECT_ZH: Record<string, string> = { School: '学校', SchoolGroup: '学区/集团', Person: '人员', Locality: '地区', Post: '职务', Plan: '计划' };
export const STAGE_ZH = { PRIMARY: '小学', JUNIOR: '初中' } as const;

export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
export const num = (x: number | null | undefined, digits = 2) => (x === null || x === undefined || Number.isNaN(x) ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(digits));

/** A rule's measured or expected value (any JSON) as one readable line. */
export function json(v: unknown, depth = 0): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return num(v, 4).replace(/\.?0+$/, (m) => (m.startsWith('.') ? '' : m));
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return STATUS_ZH[v as Status] ?? v;
  if (Array.isArray(v)) return v.length === 0 ? '（无）' : v.map((x) => json(x, depth + 1)).join('、');
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '（无）';
    return entries.map(([k, x]) => `${k}: ${depth > 0 && typeof x === 'object' && x !== null ? `{${json(x, depth + 1)}}` : json(x, depth + 1)}`).join(depth > 0 ? ', ' : '；');
  }
  return String(v);
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | number | boolean | undefined> = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** `el.append`, skipping the nulls of conditional parts. */
export const append = (el: HTMLElement, ...children: (Node | string | null | undefined | false)[]) => {
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
};
