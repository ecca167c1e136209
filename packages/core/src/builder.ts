import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import DirectivePlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ValidationPlugin from '@pothos/plugin-validation';
import { badInputFromIssues } from './validation.js';
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
    Cursor: { Input: string; Output: string };
    Fen: { Input: number; Output: number };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string | number };
  };
}

/**
 * One builder per schema build. Plugin order matters: the directive plugin must come before the
 * federation plugin or the SDL lacks @key (STACK.md). The validation plugin runs each input field's
 * `validate` (and an input type's, for checks across fields) before the resolver, which gets the
 * parsed values (UUIDs for ids, trimmed names); a failure is BAD_USER_INPUT naming the field.
 */
export function createBuilder() {
  return new SchemaBuilder<GongzhiSchemaTypes>({
    plugins: [RelayPlugin, ValidationPlugin, DirectivePlugin, FederationPlugin],
    defaultFieldNullability: false,
    // Issue paths start at the argument (`input`, `filter`, `code`): the dotted path is the field.
    validation: { validationError: (failure) => badInputFromIssues(failure.issues) },
    relay: {
      clientMutationId: 'omit',
      // `nodes` beside `edges` on every connection: what a screen that needs no cursors asks for.
      nodesOnConnection: { description: 'The items of this page, without their cursors (the nodes of `edges`).' },
      cursorType: 'String',
      nodeTypeOptions: { description: 'An object with a globally unique ID (Relay).' },
      pageInfoTypeOptions: { description: 'Where a page of a connection sits in the whole list (Relay).' },
      idFieldOptions: { description: 'The Relay global ID: opaque, stable, and accepted by `node(id:)`. Not the natural key or raw id (`code`, `personId`, `groupId`, `postId` …).' },
      hasNextPageFieldOptions: { description: 'True when more items follow this page: fetch them with `after: endCursor`.' },
      hasPreviousPageFieldOptions: { description: 'True when items precede this page: fetch them with `before: startCursor`.' },
      startCursorFieldOptions: { description: 'The cursor of the first edge of this page; null when the page is empty.' },
      endCursorFieldOptions: { description: 'The cursor of the last edge of this page; null when the page is empty.' },
      pageInfoFieldOptions: { description: 'Where this page sits in the whole list, and the cursors to page on.' },
      edgesFieldOptions: { description: 'The items of this page, each with its cursor, in the list’s order.' },
      cursorFieldOptions: { description: 'Opaque position of this item in the list: pass it as `after` or `before` to page from here.' },
      nodeFieldOptions: { description: 'The item at this position.' },
      firstArgOptions: { description: 'Page forward: at most this many items after `after` (a default and a maximum apply per list).' },
      afterArgOptions: { description: 'Page forward from this cursor (an `endCursor` or edge `cursor`); from the start when omitted.' },
      lastArgOptions: { description: 'Page backward: at most this many items before `before`.' },
      beforeArgOptions: { description: 'Page backward from this cursor (a `startCursor` or edge `cursor`).' },
      nodeQueryOptions: { description: 'Fetch any object by its global ID.', args: { id: { description: 'A Relay global ID, as `id` gives it.' } } },
      nodesQueryOptions: { description: 'Fetch several objects by their global IDs.', args: { ids: { description: 'Relay global IDs, as `id` gives them; the answer keeps their order.' } } },
    },
  });
}

export type GongzhiBuilder = ReturnType<typeof createBuilder>;

/** The builder's full type parameter, for refs passed between modules. */
export type GongzhiTypes = PothosSchemaTypes.ExtendDefaultTypes<GongzhiSchemaTypes>;
