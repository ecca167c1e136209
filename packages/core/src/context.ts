import type { Db } from './db.js';
import type { Principal } from './auth.js';
import type { LoaderCache } from './loaders.js';
import type { Registry } from './registry.js';

/** A read of personal data, collected during a request and written to the audit log once at its end. */
export interface PersonalDataRead {
  entity: string;
  key: string;
  field: string;
  localityCode: string;
}

/** What every resolver gets. Built per request by the server (or by tests). */
export interface GongzhiContext {
  db: Db;
  principal: Principal;
  lang: 'zh' | 'en';
  loaders: LoaderCache;
  registry: Registry;
  /** Filled by personal-data resolvers; flushed to the audit log when the response is sent. */
  personalDataReads: PersonalDataRead[];
  /** The request's "today" (Asia/Shanghai), so one request sees one date. */
  today: string;
}
