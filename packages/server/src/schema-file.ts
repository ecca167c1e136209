import { printSubgraphSchema } from '@apollo/subgraph';
import { buildSchema, Registry, type AnyPlugin } from '@gongzhi/core';

/**
 * schema/schema.graphql is the published contract: core's types and those of the plugins its first
 * line names. Printing it names every plugin given; checking it rebuilds the schema from the plugins
 * the line names. So installing a plugin (one line of the config) leaves the published file alone
 * until `npm run schema:print` publishes the plugin's types — a deliberate, reviewed change.
 */
const HEADER = /^# Core and the plugins: (.*)\n/;

export function printSchemaFile(plugins: readonly AnyPlugin[]): string {
  const sdl = printSubgraphSchema(buildSchema(new Registry([...plugins])));
  return `# Core and the plugins: ${plugins.map((p) => p.id).join(', ') || '(none)'}\n${sdl.endsWith('\n') ? sdl : `${sdl}\n`}`;
}

/** The plugin ids a printed schema file names in its first line (null when the line is missing). */
export function publishedPlugins(file: string): string[] | null {
  const m = HEADER.exec(file);
  if (!m) return null;
  return m[1] === '(none)' ? [] : m[1]!.split(',').map((s) => s.trim());
}
