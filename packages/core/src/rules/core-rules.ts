import type { RuleDefinition } from './types.js';
import { balanceCvRule, balanceSchoolIndicatorsRule, exchangeRateRule } from '../balance/rules.js';

/**
 * Rules of the national standard that apply to every locality, whatever regime it has enabled.
 * The thresholds are national; the engine hands them the locality's balance options
 * (balance/options.ts: who is eligible for exchange and which kinds count, set with setBalanceOptions).
 */
export const CORE_RULES: RuleDefinition[] = [balanceSchoolIndicatorsRule, balanceCvRule, exchangeRateRule];
