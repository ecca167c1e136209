import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * GraphiQL served from our own node_modules, so it works with no internet (a bureau's intranet).
 * React 18 still ships UMD builds; GraphiQL 3 ships a UMD bundle.
 */
const require = createRequire(import.meta.url);

const ASSETS: Record<string, { module: string; type: string }> = {
  'react.js': { module: 'react/umd/react.production.min.js', type: 'text/javascript; charset=utf-8' },
  'react-dom.js': { module: 'react-dom/umd/react-dom.production.min.js', type: 'text/javascript; charset=utf-8' },
  'graphiql.js': { module: 'graphiql/graphiql.min.js', type: 'text/javascript; charset=utf-8' },
  'graphiql.css': { module: 'graphiql/graphiql.min.css', type: 'text/css; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

export function graphiqlAsset(name: string): { body: Buffer; type: string } | null {
  const a = ASSETS[name];
  if (!a) return null;
  let body = cache.get(name);
  if (!body) {
    body = fs.readFileSync(require.resolve(a.module));
    cache.set(name, body);
  }
  return { body, type: a.type };
}

const EXAMPLE = `# 共治 Gongzhi — try a nested query:
query Schools {
  schools(first: 5) {
    totalCount
    edges {
      node {
        code
        name
        schoolType { name }
        staff(role: "PRINCIPAL") { person { name } }
        groups { name kindTitle }
      }
    }
  }
}
`;

export function graphiqlPage(demoToken?: string): string {
  const headers = demoToken ? JSON.stringify({ Authorization: `Bearer ${demoToken}` }, null, 2) : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8" />
<title>共治 Gongzhi — GraphiQL</title>
<link rel="stylesheet" href="/graphiql/graphiql.css" />
<style>body{margin:0;height:100vh}#graphiql{height:100vh}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="/graphiql/react.js"></script>
<script src="/graphiql/react-dom.js"></script>
<script src="/graphiql/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher,
      defaultQuery: ${JSON.stringify(EXAMPLE)},
      headers: ${JSON.stringify(headers)},
      shouldPersistHeaders: false,
    }),
  );
</script>
</body>
</html>`;
}
