import type { RuleDefinition } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { oneXuequPerSchool, sameStage, singleLead, xuequSize } from './structure.js';
import { allSchoolsCovered } from './coverage.js';
import { deputiesAreMemberPrincipals, headIsLeadPrincipal, officeStaffing } from './leadership.js';
import { jointMeetingFrequency } from './meetings.js';
import { subjectGroupShape } from './subject-groups.js';
import { exchangeRate } from './exchange.js';
import { planFiled } from './plan.js';

/** Every rule of the Beihai catalogue (POLICIES.md), in its order. */
export const beihaiRules: RuleDefinition<BeihaiOptions>[] = [
  xuequSize,
  singleLead,
  sameStage,
  oneXuequPerSchool,
  allSchoolsCovered,
  headIsLeadPrincipal,
  deputiesAreMemberPrincipals,
  jointMeetingFrequency,
  officeStaffing,
  subjectGroupShape,
  exchangeRate,
  planFiled,
];
