import { isObjectType, type GraphQLSchema } from 'graphql';
import { createBuilder } from '../builder.js';
import type { Registry } from '../registry.js';
import { createCoreRefs } from './refs.js';
import { addScalars } from './scalars.js';
import { addLocalitySchema } from './locality.js';
import { addSchoolSchema } from './school.js';
import { addPersonSchema } from './person.js';
import { addPostSchema } from './post.js';
import { addGroupSchema } from './group.js';
import { addExchangeSchema } from './exchange.js';
import { addComplianceSchema } from './compliance.js';
import { addClauseTextSchema } from './clauses.js';
import { addBalanceSchema } from './balance.js';
import { addImportSchema } from './import.js';
import { addLocalityHistorySchema } from './locality-history.js';
import { addChangeFeedSchema } from './changes.js';
import type { PluginSchemaApi } from './api.js';
import { guardEntities } from '../federation.js';

/**
 * Build the whole schema: core types first, then each installed plugin's schema, then the
 * federation subgraph schema (keys on the national identifiers).
 */
export function buildSchema(registry: Registry): GraphQLSchema {
  const builder = createBuilder();
  addScalars(builder);
  const refs = createCoreRefs(builder);
  const api: PluginSchemaApi = { builder, refs, registry };
  builder.queryType({ description: 'Read the schools, people and groups of localities, and how they keep their policies.' });
  builder.mutationType({ description: 'Every mutation is one transaction: it commits whole or not at all.' });
  addLocalitySchema(api);
  addSchoolSchema(api);
  addPersonSchema(api);
  addPostSchema(api);
  addGroupSchema(api);
  addExchangeSchema(api);
  addComplianceSchema(api);
  addClauseTextSchema(api);
  addBalanceSchema(api);
  addImportSchema(api);
  addLocalityHistorySchema(api);
  addChangeFeedSchema(api);
  for (const plugin of registry.plugins.values()) plugin.schema?.(api);
  const schema = guardEntities(builder.toSubGraphSchema({
    linkUrl: 'https://specs.apollo.dev/federation/v2.6',
    federationDirectives: ['@key', '@shareable', '@tag', '@inaccessible'],
    sortSchema: true,
  }));
  // A group kind's type name is what `SchoolGroup` resolves its rows to: a name the plugin's schema
  // does not define would fail every query of such a group, so it is checked here, at boot.
  for (const k of registry.groupKinds.values()) {
    const type = schema.getType(k.typeName);
    if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'SchoolGroup'))
      throw new Error(`plugin ${k.pluginId}: group kind ${k.kind} names GraphQL type ${k.typeName}, but its schema defines no such object implementing SchoolGroup`);
  }
  return schema;
}
