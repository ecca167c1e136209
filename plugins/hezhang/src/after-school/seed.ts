import type { SeedApi } from '@gongzhi/core';

/** Demo data for 520527 (sample, flagged): filled in once the county's demo schools exist. */
export async function seedAfterSchoolDemo(_api: SeedApi): Promise<void> {}
