/**
 * Annex 1's demo data for 赫章县 (seedAfterSchool, after the plugin's own seed): sample-flagged, idempotent,
 * and what the report shows of it — filed plans and sessions at the county-town schools, the one school
 * under 2 h a day as a WARN, statements that reconcile, the waived pupil and the withdrawal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schoolYearOf } from '@gongzhi/core';
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import plugin from '../../src/index.js';
import { SEED_LOCALITIES } from '../../src/seed.js';
import { seedAfterSchool } from '../../src/after-school/index.js';
import * as t from '../../src/after-school/tables.js';
import { findings } from './helpers.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ plugins: [plugin], localities: SEED_LOCALITIES, governance: [{ locality: '520527', plugin: 'hezhang', options: {} }] });
}, 240_000);
afterAll(() => s?.close());

describe('annex 1 demo data (520527)', () => {
  it('every record is sample-flagged; seeding again adds nothing', async () => {
    const plans = await s.db.select().from(t.plans);
    expect(plans.length).toBeGreaterThan(5);
    expect(plans.every((p) => p.isSample && p.filedOn && p.title.startsWith('【示例】'))).toBe(true);
    expect((await s.db.select().from(t.sessions)).every((x) => x.isSample)).toBe(true);
    const before = (await s.db.select().from(t.sessions)).length;
    await seedAfterSchool({ db: s.db, today: new Date().toISOString().slice(0, 10), log: () => {} });
    expect((await s.db.select().from(t.sessions)).length).toBe(before);
  });
  it('the report shows the 2 h WARN, reconciling statements and the settled withdrawal', async () => {
    const year = schoolYearOf(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
    const duration = await findings(s, { localityCode: '520527', schoolYear: year, ruleId: 'hezhang.after-school-duration' });
    expect(duration.filter((f) => f.status === 'WARN')).toHaveLength(1);
    const refunds = await findings(s, { localityCode: '520527', schoolYear: year, ruleId: 'hezhang.withdrawal-refund' });
    expect(refunds.length).toBeGreaterThan(0);
    expect(refunds.every((f) => f.status === 'PASS')).toBe(true);
    const w = await s.db.select().from(t.withdrawals);
    expect(w.length).toBe(4);
    expect(w.every((x) => x.sessionsUsed === 7 && x.refundFen + x.keptFen === 48000)).toBe(true);
    const waived = await s.db.select().from(t.charges).where(eq(t.charges.amountFen, 0));
    expect(waived.length).toBeGreaterThan(0);
  });
});
