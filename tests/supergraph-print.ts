/**
 * Print schema/supergraph/supergraph.graphql: our published subgraph (schema/schema.graphql)
 * composed with the example provincial subgraph (schema/supergraph/province.graphql), as a
 * provincial router would compose them. `npm run supergraph:print` writes it; tests/supergraph.test.ts
 * checks it is current, that personal fields are @inaccessible in it and what @tag marks.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';

const at = (f: string) => fileURLToPath(new URL(f, import.meta.url));

/** Placeholder URLs: a router's config names the real ones. */
export const SUBGRAPH_URLS = { gongzhi: 'http://gongzhi.example/graphql', province: 'http://province.example/graphql' } as const;

export function composePublished(gongzhiSdl = fs.readFileSync(at('../schema/schema.graphql'), 'utf8'), provinceSdl = fs.readFileSync(at('../schema/supergraph/province.graphql'), 'utf8')) {
  return composeServices([
    { name: 'gongzhi', typeDefs: parse(gongzhiSdl), url: SUBGRAPH_URLS.gongzhi },
    { name: 'province', typeDefs: parse(provinceSdl), url: SUBGRAPH_URLS.province },
  ]);
}

export const SUPERGRAPH_FILE = at('../schema/supergraph/supergraph.graphql');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = composePublished();
  if (r.errors) {
    console.error(r.errors.map((e) => e.message).join('\n'));
    process.exit(1);
  }
  fs.writeFileSync(SUPERGRAPH_FILE, r.supergraphSdl.endsWith('\n') ? r.supergraphSdl : `${r.supergraphSdl}\n`);
  console.log(`wrote ${SUPERGRAPH_FILE}`);
}
