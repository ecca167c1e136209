import type { PluginSchemaApi } from '@gongzhi/core';
import { addTypes } from './types.js';
import { addMutations } from './mutations.js';

/** The plugin's part of the schema: its types, a field on School, queries and mutations. */
export function beihaiSchema(api: PluginSchemaApi): void {
  addMutations(api, addTypes(api));
}
