/** The regime's tables, in the Postgres schema `hezhang` (recorded apart from core's migrations). */
import { date, pgSchema, primaryKey, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { tables as core } from '@gongzhi/core';

export const hezhangSchema = pgSchema('hezhang');

/** A school's plan for a school year, as the document asks each school to file it. */
export const schoolPlans = hezhangSchema.table(
  'school_plans',
  {
    schoolCode: varchar('school_code', { length: 10 })
      .notNull()
      .references(() => core.schools.code),
    schoolYear: varchar('school_year', { length: 9 }).notNull(),
    title: text('title').notNull(),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.schoolCode, t.schoolYear] })],
);
