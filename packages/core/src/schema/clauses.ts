import type { Citation } from '../rules/types.js';
import type { PluginSchemaApi } from './api.js';

/**
 * `Citation.text`: the clause's own words beside its number, so a finding can be read against its
 * source (a bureau's dashboard shows them side by side). A rule may carry the text in its `cite`;
 * otherwise the plugin whose policy document the citation names supplies it from `policy.clauses`.
 * Core knows no plugin: the documents are looked up among whatever plugins are installed.
 */
export function addClauseTextSchema({ builder, registry }: PluginSchemaApi) {
  const byDoc = new Map<string, Record<string, string>>();
  for (const p of registry.plugins.values()) if (p.policy.clauses) byDoc.set(p.policy.doc, { ...byDoc.get(p.policy.doc), ...p.policy.clauses });

  // A citation may name several clauses at once ("四, 四(一)"): their texts, in that order.
  const textOf = (c: Citation): string | null => {
    if (c.text) return c.text;
    const clauses = byDoc.get(c.doc);
    if (!clauses) return null;
    if (clauses[c.clause]) return clauses[c.clause]!;
    const parts = c.clause.split(/\s*[,，、；;]\s*/).filter(Boolean);
    const texts = parts.map((p) => clauses[p]);
    return parts.length > 1 && texts.every(Boolean) ? texts.join('\n') : null;
  };

  builder.objectField('Citation' as never, 'text', (t: any) =>
    t.string({
      nullable: true,
      description: '条文 — the clause’s own words, as the policy document states them (Chinese, the document’s language); null when the regime has not recorded them.',
      resolve: (c: Citation) => textOf(c),
    }),
  );
}
