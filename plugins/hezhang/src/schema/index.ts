import type { PluginSchemaApi } from '@gongzhi/core';
import { addTypes } from './types.js';
import { addQueries } from './queries.js';
import { addMutations } from './mutations.js';
import { addImportSchema } from './imports.js';

/** The regime's part of the schema: its types, then the queries and mutations that use them. */
export function hezhangSchema(api: PluginSchemaApi): void {
  const types = addTypes(api);
  addQueries(api, types);
  addMutations(api, types);
  addImportSchema(api);
}
