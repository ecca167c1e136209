import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin } from '@gongzhi/core';
import { ConfigError, validateConfig } from '../src/config.js';

const plugin = definePlugin({
  id: 'sample',
  title: { zh: '示例', en: 'Sample' },
  policy: { doc: 'X〔2020〕1号', issuer: 'x', issued: '2020-01-01' },
  coreVersion: '^0.1.0',
  options: z.object({ groupSize: z.number().int().min(2).default(4) }),
});

function problems(raw: unknown) {
  try {
    validateConfig(raw, 'gongzhi.config.ts');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('config validation names the key and the problem', () => {
  it('accepts a good config and fills defaults', () => {
    const c = validateConfig({ plugins: [plugin], localities: [{ code: '450500', name: '北海市' }], governance: [{ locality: '450500', plugin: 'sample' }] });
    expect(c.server.port).toBe(4000);
    expect(c.governance[0]!.options).toEqual({});
  });
  it('a malformed division code', () => {
    expect(problems({ localities: [{ code: '4505', name: 'x' }] })[0]).toMatchObject({ key: 'localities[0].code' });
  });
  it('an unknown key', () => {
    expect(problems({ servr: {} })[0]!.problem).toMatch(/servr/);
  });
  it('a governance entry for a plugin that is not installed', () => {
    expect(problems({ localities: [{ code: '450500', name: 'x' }], governance: [{ locality: '450500', plugin: 'beihai' }] })).toEqual([
      { key: 'governance[0].plugin', problem: 'plugin "beihai" is not installed (installed: none)' },
    ]);
  });
  it('a bad plugin option, and a locality not listed', () => {
    const p = problems({ plugins: [plugin], localities: [], governance: [{ locality: '450500', plugin: 'sample', options: { groupSize: 1 } }] });
    expect(p.map((x) => x.key)).toEqual(['governance[0].locality', 'governance[0].options.groupSize']);
  });
  it('something that is not a plugin', () => {
    expect(problems({ plugins: [{ name: 'beihai' }] })[0]).toMatchObject({ key: 'plugins[0]' });
  });
  it('a plugin written for another core version', () => {
    const old = { ...plugin, id: 'old', coreVersion: '^9.0.0' };
    expect(problems({ plugins: [old] })[0]!.problem).toMatch(/written for @gongzhi\/core \^9\.0\.0/);
  });
  it('a short token secret', () => {
    expect(problems({ auth: { secret: 'short' } })[0]).toMatchObject({ key: 'auth.secret' });
  });
});
