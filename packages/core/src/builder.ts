import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import type { GongzhiContext } from './context.js';

export interface GongzhiSchemaTypes {
  Context: GongzhiContext;
  DefaultFieldNullability: false;
  Scalars: {
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    LocalTime: { Input: string; Output: string };
    SchoolYear: { Input: string; Output: string };
    DivisionCode: { Input: string; Output: string };
    SchoolCode: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string | number };
  };
}

/**
 * One builder per schema build. Plugin order matters: the directive plugin must come before the
 * federation plugin or the SDL lacks @key (STACK.md).
 */
export function createBuilder() {
  return new SchemaBuilder<GongzhiSchemaTypes>({
    plugins: [RelayPlugin, DirectivePlugin, FederationPlugin],
    defaultFieldNullability: false,
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      nodeTypeOptions: { description: 'An object with a globally unique ID (Relay).' },
      pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list (Relay).' },
      nodeQueryOptions: { description: 'Fetch any object by its global ID.' },
      nodesQueryOptions: { description: 'Fetch several objects by their global IDs.' },
    },
  });
}

export type GongzhiBuilder = ReturnType<typeof createBuilder>;

/** The builder's full type parameter, for refs passed between modules. */
export type GongzhiTypes = PothosSchemaTypes.ExtendDefaultTypes<GongzhiSchemaTypes>;
