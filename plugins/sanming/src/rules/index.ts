import type { RuleDefinition } from '@gongzhi/core';
import type { SanmingOptions } from '../options.js';
import { leaderPostsKept, oneHead, scope, statusUnchanged } from './structure.js';
import { authorityConsensus, executivePrincipal } from './consensus.js';
import { payNotLowered } from './pay.js';
import { backboneFlowBack, backboneFlowOut } from './flow.js';
import { centresRule, charter, experimentalClassesRule, thirdPartyEvaluation, twoSchoolExperience, zonedAdmission } from './mechanisms.js';
import { districtRollout } from './rollout.js';

/** Every rule of the Sanming catalogue (POLICIES.md), in its order. */
export const sanmingRules: RuleDefinition<SanmingOptions>[] = [
  scope,
  oneHead,
  executivePrincipal,
  authorityConsensus,
  payNotLowered,
  statusUnchanged,
  backboneFlowOut,
  backboneFlowBack,
  charter,
  centresRule,
  experimentalClassesRule,
  zonedAdmission,
  thirdPartyEvaluation,
  leaderPostsKept,
  twoSchoolExperience,
  districtRollout,
];
