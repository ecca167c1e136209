import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import { GongzhiError } from '@gongzhi/core';

/**
 * Refuse operations nested deeper than `maxDepth` fields before running them. Every relation is
 * batched, but each level still multiplies the rows: a query that walks school → staff → person →
 * posts → school → staff … without end would make the server build an unbounded answer.
 * Introspection (`__schema`, `__type`) is not counted: GraphiQL's own query is deep by nature.
 */
export function maxDepthRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

    const depthOf = (set: SelectionSetNode | undefined, seen: ReadonlySet<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          if (s.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, 1 + depthOf(s.selectionSet, seen));
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(s.selectionSet, seen));
        } else {
          const name = s.name.value;
          const f = fragments.get(name);
          // A fragment cycle is refused by graphql's own NoFragmentCycles rule; here it only must not loop.
          if (f && !seen.has(name)) deepest = Math.max(deepest, depthOf(f.selectionSet, new Set([...seen, name])));
        }
      }
      return deepest;
    };

    return {
      OperationDefinition(op) {
        const depth = depthOf(op.selectionSet, new Set());
        if (depth <= maxDepth) return;
        const reason = new GongzhiError(
          'GRAPHQL_VALIDATION_FAILED',
          { zh: `查询嵌套 ${depth} 层，超过上限 ${maxDepth} 层：请拆成几个查询`, en: `the query nests ${depth} fields deep, more than the limit of ${maxDepth}: split it into several queries` },
          { depth, maxDepth },
        );
        context.reportError(new GraphQLError(reason.message, { nodes: [op], originalError: reason, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', depth, maxDepth } }));
      },
    };
  };
}
