/** The national balance standard (教督〔2017〕6号): pure calculations, loading, and rules. */
export * from './indicators.js';
export * from './facts.js';
export * from './staff.js';
export * from './school.js';
export * from './cv.js';
export * from './report.js';
export { censusDate, loadBalanceFacts, type BalanceFacts, type BalanceScope } from './repo.js';
export { balanceCvRule, balanceSchoolIndicatorsRule, exchangeRateRule } from './rules.js';
export { balanceOptions, balanceOptionsInEffectMany, balanceOptionsLoader, BALANCE_OPTION_DEFAULTS, type BalanceOptions, type BalanceOptionsInEffect } from './options.js';
