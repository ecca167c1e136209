import type { PluginSchemaApi } from '@gongzhi/core';
import { addTypes } from './types.js';
import { addMutations } from './mutations.js';

/** The plugin's part of the schema: the 总校 type, fields on School and Person, queries and mutations. */
export function sanmingSchema(api: PluginSchemaApi): void {
  addMutations(api, addTypes(api));
}
