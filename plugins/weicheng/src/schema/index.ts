import type { PluginSchemaApi } from '@gongzhi/core';
import { addTypes } from './types.js';
import { addMutations } from './mutations.js';

/** The plugin's part of the schema: its types, fields on School, Person and Post, queries and mutations. */
export function weichengSchema(api: PluginSchemaApi): void {
  addMutations(api, addTypes(api));
}
