import type { GongzhiBuilder } from '../builder.js';
import type { Registry } from '../registry.js';
import type { CoreRefs } from './refs.js';

/** What a plugin's `schema` function gets: the builder, core's type refs, and the registry. */
export interface PluginSchemaApi {
  builder: GongzhiBuilder;
  refs: CoreRefs;
  registry: Registry;
}
