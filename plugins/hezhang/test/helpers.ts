/** Hezhang's fixtures: the county it governs and records made as a bureau would. The rest is the shared kit. */
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import plugin from '../src/index.js';
import { SEED_LOCALITIES } from '../src/seed.js';

export const COUNTY = '520527';

/** A server with the regime installed and enabled for 赫章县 (seeded), with these options. */
export function start(options: Record<string, unknown> = {}): Promise<TestServer> {
  return startTestServer({ plugins: [plugin], localities: SEED_LOCALITIES, governance: [{ locality: COUNTY, plugin: 'hezhang', options }] });
}
