import { AssertionError } from 'node:assert';
import type { GqlError, GqlResult } from './server.js';

/** The data of a request that must succeed; fails with the errors when it did not. */
export function ok<T = any>(r: GqlResult<T>): T {
  if (r.errors?.length) throw new AssertionError({ message: `expected no GraphQL errors, got ${JSON.stringify(r.errors)}`, actual: r.errors, expected: undefined });
  return r.data as T;
}

/** The first error of a request that must fail (optionally with this `extensions.code`). */
export function errorOf(r: GqlResult, code?: string): GqlError {
  const e = r.errors?.[0];
  if (!e) throw new AssertionError({ message: `expected a GraphQL error, got data ${JSON.stringify(r.data)}`, actual: r.data, expected: 'an error' });
  if (code !== undefined && e.extensions?.code !== code)
    throw new AssertionError({ message: `expected error code ${code}, got ${e.extensions?.code}: ${e.message}`, actual: e.extensions?.code, expected: code });
  return e;
}
