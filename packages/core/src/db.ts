import type { PgAsyncDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/**
 * The database handle every repository takes: a drizzle database on PGlite or node-postgres, or a
 * transaction on either (a transaction is a database too, so repositories work inside mutations).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgAsyncDatabase<PgQueryResultHKT, any>;
