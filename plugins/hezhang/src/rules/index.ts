import type { RuleDefinition } from '@gongzhi/core';
import type { HezhangOptions } from '../options.js';
import { absenceKind, attendanceRulesFiled, flexibleMinimum, officeHours, weeklyAttendancePublished } from './attendance.js';
import { lessonVisitCoverage, pupilSkillsRule, unionHours } from './wisdom.js';
import { groupLeadership, memberIdentityUnchanged, pairedAssessment, pairedExchangeLength, pairedStageMatch } from './groups.js';
import { recombinationOrder, transferAgeExemption, transferCap, transferKeepsEstablishment } from './staff.js';
import { awardTiers, frontlineAwardShare } from './awards.js';

/** Every rule of the main text and annex 2, one file per concern, in the catalogue's order. */
export const hezhangRules: RuleDefinition<HezhangOptions>[] = [
  officeHours,
  flexibleMinimum,
  attendanceRulesFiled,
  absenceKind,
  weeklyAttendancePublished,
  unionHours,
  lessonVisitCoverage,
  pupilSkillsRule,
  groupLeadership,
  memberIdentityUnchanged,
  recombinationOrder,
  transferCap,
  transferAgeExemption,
  transferKeepsEstablishment,
  pairedExchangeLength,
  pairedStageMatch,
  pairedAssessment,
  frontlineAwardShare,
  awardTiers,
];
