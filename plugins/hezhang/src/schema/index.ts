import type { PluginSchemaApi } from '@gongzhi/core';
import { addTypes } from './types.js';

/** The regime's part of the schema: its types, then the queries and mutations that use them. */
export function hezhangSchema(api: PluginSchemaApi): void {
  addTypes(api);
}
