import type { PluginSchemaApi } from '@gongzhi/core';
import { addTypes } from './types.js';
import { addQueries } from './queries.js';
import { addMutations } from './mutations.js';

/** The plugin's part of the schema: its types and a field on School, then its queries and mutations. */
export function beihaiSchema(api: PluginSchemaApi): void {
  const refs = addTypes(api);
  addQueries(api, refs);
  addMutations(api, refs);
}
