import type { SeedApi } from '@gongzhi/core';
import { seedAfterSchool } from './after-school/index.js';

export async function seedHezhang(api: SeedApi): Promise<void> {
  await seedAfterSchool(api);
}

/** The localities the document governs, parents first. */
export const SEED_LOCALITIES = [
  { code: '520000', name: '贵州省' },
  { code: '520500', name: '毕节市' },
  { code: '520527', name: '赫章县' },
];
