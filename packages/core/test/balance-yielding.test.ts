import { describe, expect, it } from 'vitest';
import { assessBalance, assessBalanceYielding, indicatorsOfSchools } from '../src/balance/report.js';
import { tallyTeachers, type SchoolFacts } from '../src/balance/facts.js';

/** 1,200 schools of two stages with varied figures (some excluded): more than two chunks of 500. */
function schools(n: number): SchoolFacts[] {
  return Array.from({ length: n }, (_, i) => ({
    code: String(2152000000 + i),
    name: `学校${i}`,
    schoolType: i % 97 === 0 ? '218' : i % 5 === 0 ? '312' : '211',
    stages: i % 5 === 0 ? ['PRIMARY', 'JUNIOR'] : ['PRIMARY'],
    countyCode: i % 2 ? '520527' : '520526',
    stats:
      i % 53 === 0
        ? null
        : {
            enrollmentKindergarten: 0,
            enrollmentPrimary: 200 + ((i * 37) % 900),
            enrollmentJunior: i % 5 === 0 ? 100 + ((i * 11) % 400) : 0,
            enrollmentSenior: 0,
            teachingAuxAreaM2: 1000 + ((i * 71) % 5000),
            sportsGroundAreaM2: 2000 + ((i * 13) % 8000),
            equipmentValueFen: 50_000_000 + ((i * 7919) % 200_000_000),
            multimediaClassrooms: 5 + (i % 30),
          },
    teachers: tallyTeachers(
      Array.from({ length: 10 + (i % 40) }, (_, k) => ({ stage: null, qualification: k % 3 ? 'BACHELOR' : 'SENIOR_SECONDARY', backboneLevel: k % 7 ? 'NONE' : 'COUNTY', subjects: k % 9 ? ['语文'] : ['体育'] })),
    ),
  }));
}

describe('assessBalanceYielding', () => {
  const list = schools(1200);

  it('gives exactly what assessBalance gives, for each stage', async () => {
    for (const stage of ['PRIMARY', 'JUNIOR'] as const) expect(await assessBalanceYielding(list, stage)).toEqual(assessBalance(list, stage));
  });

  it("a county's indicators taken from the locality's assessment equal the county's own assessment (core.balance-cv)", async () => {
    for (const stage of ['PRIMARY', 'JUNIOR'] as const) {
      const whole = assessBalance(list, stage);
      for (const county of ['520526', '520527']) {
        const own = assessBalance(list.filter((f) => f.countyCode === county), stage);
        expect(own.schools.length).toBeGreaterThan(0);
        expect(await indicatorsOfSchools(whole.schools.filter((s) => s.countyCode === county), stage)).toEqual(own.indicators);
      }
    }
  });

  it('lets other work run while it assesses (it is not one synchronous run)', async () => {
    let turns = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await assessBalanceYielding(list, 'PRIMARY');
    running = false;
    // Two chunks of schools and seven indicators: the other work had a turn at each.
    expect(turns).toBeGreaterThanOrEqual(9);
  });
});
