import { pgSchema, text, varchar, timestamp } from 'drizzle-orm/pg-core';

export const testkitSchema = pgSchema('testkit');

/** One motto per school: the smallest piece of regime data that exercises the contract. */
export const mottos = testkitSchema.table('mottos', {
  schoolCode: varchar('school_code', { length: 10 }).primaryKey(),
  motto: text('motto').notNull(),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
});
