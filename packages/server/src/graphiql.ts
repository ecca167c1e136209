import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

/**
 * GraphiQL served from our own node_modules, so it works with no internet (a bureau's intranet).
 * React 18 still ships UMD builds; GraphiQL 3 ships a UMD bundle.
 */
const require = createRequire(import.meta.url);

const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript; charset=utf-8' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript; charset=utf-8' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript; charset=utf-8' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css; charset=utf-8' },
};

/** The folder of an installed package (its `exports` hide the UMD files from require.resolve). */
function packageDir(pkg: string): string {
  let dir = path.dirname(require.resolve(pkg));
  while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== pkg) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of ${pkg}`);
    dir = up;
  }
  return dir;
}

const cache = new Map<string, Buffer>();

export function graphiqlAsset(name: string): { body: Buffer; type: string } | null {
  const a = ASSETS[name];
  if (!a) return null;
  let body = cache.get(name);
  if (!body) {
    body = fs.readFileSync(path.join(packageDir(a.pkg), a.file));
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
        staff(role: "PRINCIPAL") { nodes { person { name } } }
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
