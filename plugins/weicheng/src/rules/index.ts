import type { RuleDefinition } from '@gongzhi/core';
import type { WeichengOptions } from '../options.js';
import { onePrincipal } from './structure.js';
import { districtCoverage } from './coverage.js';
import { majorDecisionParticipation, partyBrand, partyOrganisation } from './party.js';
import { charterAndPlan } from './plans.js';
import { starRating } from './ratings.js';
import { principalRank } from './ranks.js';

/**
 * The Weicheng catalogue (POLICIES.md), in its order. weicheng.one-xuequ-per-school is core's
 * capability, switched on in the group kind (index.ts); core's `pluginRules` lists it with these.
 */
export const weichengRules: RuleDefinition<WeichengOptions>[] = [
  onePrincipal,
  districtCoverage,
  partyOrganisation,
  majorDecisionParticipation,
  charterAndPlan,
  starRating,
  principalRank,
  partyBrand,
];
