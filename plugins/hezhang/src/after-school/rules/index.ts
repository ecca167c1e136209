import type { RuleDefinition } from '@gongzhi/core';
import type { HezhangOptions } from '../../options.js';
import { afterSchoolContent, afterSchoolDuration, afterSchoolEndTime, afterSchoolPlanFiled, outsideStaffApproved } from './sessions.js';
import { afterSchoolCoverage, afterSchoolFiveDays } from './coverage.js';
import { afterSchoolConsent, feeRate, feeWaiver, summerCareLimits, withdrawalRefund } from './fees.js';

/** Annex 1's rules, in the catalogue's order. */
export const afterSchoolRuleList: RuleDefinition<HezhangOptions>[] = [
  afterSchoolDuration,
  afterSchoolEndTime,
  afterSchoolFiveDays,
  afterSchoolCoverage,
  afterSchoolPlanFiled,
  afterSchoolConsent,
  afterSchoolContent,
  outsideStaffApproved,
  feeRate,
  feeWaiver,
  withdrawalRefund,
  summerCareLimits,
];
