import { z } from 'zod';

/** Per-locality options; each default is the document's figure. */
export const hezhangOptions = z.object({
  planDueDays: z.number().int().min(0).max(365).default(30).describe('Days after 1 September by which each school files its plan for the school year (【示例】文件 一).'),
});

export type HezhangOptions = z.output<typeof hezhangOptions>;
