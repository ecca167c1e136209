/**
 * Annex 1 (课后服务, "5+2"): the after-school service's tables, in the same Postgres schema
 * `hezhang` (drizzle.config.ts lists this file beside ../tables.ts, so one migration chain covers both).
 */
export {};
