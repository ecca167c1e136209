import { z } from 'zod';

/**
 * Per-locality options. The report gives few numbers: "一校一特色" (one speciality per school,
 * 三(五)4) is the only count. The rest are the readings a bureau has to choose where the report is
 * silent; each default is the reading explained in rules.ts.
 */
export const options = z.object({
  minSpecialitiesPerSchool: z
    .number()
    .int()
    .min(1)
    .max(10)
    .default(1)
    .describe('Specialities (特色) each member school must record: 一校一特色 (三(五)4) — default 1.'),
  teachingPointsHaveSpecialities: z
    .boolean()
    .default(false)
    .describe(
      'Whether teaching points (教学点, 办学类型 218) must record a speciality too. Default false: the report asks it of each 校, and a teaching point is not a school of its own in the statistics.',
    ),
  minOtherSchoolsUsingFacility: z
    .number()
    .int()
    .min(0)
    .default(1)
    .describe(
      'Member schools other than the host that must have used a shared facility in the year for it to count as shared (开放共享, 三(三)2) — default 1.',
    ),
  requireSettledIntegrationStatus: z
    .boolean()
    .default(true)
    .describe(
      'Once a school year is over, fail an integration (十个一体, 三) still PLANNED or IN_PROGRESS instead of settled (ACHIEVED, or NOT_ACHIEVED, which fails in any case) — default true.',
    ),
});

export type HuayuankouOptions = z.output<typeof options>;
