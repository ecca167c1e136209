/**
 * Citation.text: the clause's own words beside its number. A plugin records them once in
 * `policy.clauses` (keyed as its citations name the clauses), or a rule carries them in its `cite`;
 * a clause the plugin did not record reads null, and a citation naming several clauses reads their
 * texts in order. Two probe plugins exist only here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, defineRule } from '@gongzhi/core';
import { startTestServer, type TestServer } from '../src/testing/index.js';

const DOC = '测试文件〔2026〕7号';
const rule = (id: string, clause: string, text?: string) =>
  defineRule({
    id,
    title: { zh: id, en: id },
    cite: text ? { doc: DOC, clause, text } : { doc: DOC, clause },
    enforce: 'report',
    appliesTo: ['Locality'],
    async evaluate() {
      return [];
    },
  });

const withClauses = definePlugin({
  id: 'clauseprobe',
  title: { zh: '条文探针', en: 'Clause probe' },
  policy: { doc: DOC, issuer: 'Gongzhi tests', clauses: { '一': '一、第一条的原文。', '二(一)': '(一)第二条第一款的原文。' } },
  coreVersion: '^0.1.0',
  options: z.object({}),
  rules: [
    rule('clauseprobe.recorded', '一'),
    rule('clauseprobe.two-clauses', '一, 二(一)'),
    rule('clauseprobe.unrecorded', '三'),
    rule('clauseprobe.own-text', '四', '四、规则自带的原文。'),
  ],
});

const without = definePlugin({
  id: 'noclauses',
  title: { zh: '无条文', en: 'No clauses' },
  policy: { doc: '另一文件〔2026〕1号', issuer: 'Gongzhi tests' },
  coreVersion: '^0.1.0',
  options: z.object({}),
  rules: [defineRule({ id: 'noclauses.any', title: { zh: '任意', en: 'any' }, cite: { doc: '另一文件〔2026〕1号', clause: '一' }, enforce: 'report', appliesTo: ['Locality'], async evaluate() { return []; } })],
});

describe('Citation.text — the clause’s own words', () => {
  let server: TestServer;
  let texts: Record<string, string | null>;
  beforeAll(async () => {
    server = await startTestServer({ plugins: [withClauses, without], localities: [{ code: '450000', name: '广西壮族自治区' }] });
    const r = await server.gql<{ rules: { id: string; cite: { clause: string; text: string | null } }[] }>('{ rules { id cite { doc clause text } } }');
    expect(r.errors).toBeUndefined();
    texts = Object.fromEntries(r.data!.rules.map((x) => [x.id, x.cite.text]));
  });
  afterAll(() => server?.close());

  it('reads a clause the plugin recorded in policy.clauses', () => {
    expect(texts['clauseprobe.recorded']).toBe('一、第一条的原文。');
  });
  it('joins the texts of a citation naming two clauses, in order', () => {
    expect(texts['clauseprobe.two-clauses']).toBe('一、第一条的原文。\n(一)第二条第一款的原文。');
  });
  it('prefers the text a rule carries in its own cite', () => {
    expect(texts['clauseprobe.own-text']).toBe('四、规则自带的原文。');
  });
  it('is null for a clause nobody recorded, and for a document with no clauses (the national rules today)', () => {
    expect(texts['clauseprobe.unrecorded']).toBeNull();
    expect(texts['noclauses.any']).toBeNull();
    expect(texts['core.balance-cv']).toBeNull();
  });
});
