import { z } from 'zod';
import { COMPULSORY_STAGES, STAGES, type Stage } from '@gongzhi/core';

/**
 * Per-locality options of the Weicheng regime. Defaults are the report's where it gives a number;
 * where it gives none, the default is our reading and says so. A locality overrides them with
 * `enableGovernance`; the compliance report shows the override as the expected value.
 */
export const weichengOptions = z.object({
  xuequCount: z
    .number()
    .int()
    .min(1)
    .max(100)
    .nullable()
    .default(8)
    .describe('学区数 — how many 学区 the district is divided into. Report: 8 (一(二)1(2) 划分八大学区); null leaves the count unchecked (weicheng.district-coverage still places every school).'),
  minOtherSchools: z
    .number()
    .int()
    .min(1)
    .max(50)
    .default(1)
    .describe('“1+N”的N最小值 — fewest schools of a 学区 besides its lead. Report: 1 (二(一) 由总校长管理多个学校: one 总校长 over several schools, so N ≥ 1).'),
  coveredStages: z
    .array(z.enum(STAGES as [Stage, ...Stage[]]))
    .min(1)
    .default([...COMPULSORY_STAGES])
    .describe('纳入学区的学段 — a school teaching any of these stages must be in a 学区. Our reading: [PRIMARY, JUNIOR], the 中小学 the report speaks of (一(二)4(2) 中小学校长); kindergartens and senior schools are not named.'),
  maxStars: z
    .number()
    .int()
    .min(1)
    .max(10)
    .default(5)
    .describe('星级上限 — the most stars a school can be given. Our reading: 5; the report names the 星级学校管理办法 (二(四)) but not its scale.'),
});

export type WeichengOptions = z.output<typeof weichengOptions>;
