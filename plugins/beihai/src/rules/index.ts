import type { RuleDefinition } from '@gongzhi/core';
import type { BeihaiOptions } from '../options.js';
import { sameStage, singleLead, xuequSize } from './structure.js';
import { allSchoolsCovered } from './coverage.js';
import { deputiesAreMemberPrincipals, headIsLeadPrincipal, officeStaffing } from './leadership.js';
import { jointMeetingAttendance, jointMeetingFrequency } from './meetings.js';
import { moralTeamLeader } from './moral-team.js';
import { subjectGroupShape } from './subject-groups.js';
import { exchangeRate } from './exchange.js';
import { planFiled } from './plan.js';

/** Every rule of the Beihai catalogue (POLICIES.md), in its order; beihai.one-xuequ-per-school is core's, switched on in the group kind (index.ts). */
export const beihaiRules: RuleDefinition<BeihaiOptions>[] = [
  xuequSize,
  singleLead,
  sameStage,
  allSchoolsCovered,
  headIsLeadPrincipal,
  deputiesAreMemberPrincipals,
  jointMeetingFrequency,
  jointMeetingAttendance,
  officeStaffing,
  subjectGroupShape,
  moralTeamLeader,
  exchangeRate,
  planFiled,
];
