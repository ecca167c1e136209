import type { RuleDefinition } from './types.js';
import { balanceCvRule, balanceSchoolIndicatorsRule, exchangeRateRule } from '../balance/rules.js';

/**
 * Rules of the national standard that apply to every locality, whatever regime it has enabled.
 * They take no options: the thresholds are national.
 */
export const CORE_RULES: RuleDefinition[] = [balanceSchoolIndicatorsRule, balanceCvRule, exchangeRateRule];
