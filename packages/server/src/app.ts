import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import {
  buildSchema,
  GongzhiError,
  LoaderCache,
  pickLanguage,
  Registry,
  tables,
  todayInShanghai,
  type GongzhiContext,
  type Principal,
} from '@gongzhi/core';
import type { Database } from './database.js';
import { verifyToken, type AuthSettings } from './auth.js';
import { graphiqlAsset, graphiqlPage } from './graphiql.js';
import { serveDashboard } from './dashboard.js';
import { maxDepthRule } from './depth-limit.js';

const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'RULE_VIOLATION',
  'GOVERNANCE_NOT_ENABLED',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Expected errors keep their code and details; anything else shows no internals (no SQL, stack or paths). */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code as string | undefined;
  if (code && KNOWN_CODES.has(code)) {
    const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: '服务器内部错误，请稍后重试 / Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Messages in the caller's language; one audit row for the request's reads of personal data. */
const gongzhiPlugin: ApolloServerPlugin<GongzhiContext> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ contextValue, errors }) {
        for (const e of errors) {
          const original = e.originalError instanceof GongzhiError ? e.originalError : e instanceof GongzhiError ? e : null;
          if (original) (e as { message: string }).message = original.bilingual[contextValue.lang];
        }
      },
      async willSendResponse({ contextValue }) {
        const reads = contextValue.personalDataReads;
        if (reads.length === 0) return;
        contextValue.personalDataReads = [];
        await contextValue.db.insert(tables.auditLog).values({
          actor: contextValue.principal.subject,
          localityCode: reads[0]!.localityCode,
          operation: 'readPersonalData',
          entity: 'Person',
          entityKeys: [...new Set(reads.map((r) => r.key))],
          fields: [...new Set(reads.map((r) => r.field))],
        });
      },
    };
  },
};

export interface GongzhiApp {
  registry: Registry;
  schema: GraphQLSchema;
  database: Database;
  /** Build a request context (tests may call resolvers through it). */
  context(principal: Principal, lang?: 'zh' | 'en'): GongzhiContext;
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown>;
  listen(port: number, host?: string): Promise<{ url: string; server: http.Server }>;
  stop(): Promise<void>;
}

export interface AppOptions {
  registry: Registry;
  database: Database;
  auth: AuthSettings;
  /** Shown in GraphiQL's headers in demo mode. */
  demoToken?: string;
  /** Deepest field nesting an operation may have (config `server.maxQueryDepth`). */
  maxQueryDepth?: number;
}

/** Deep enough for every screen we know of (the deepest test query nests 12), far from unbounded. */
export const DEFAULT_MAX_QUERY_DEPTH = 20;

function readBody(req: http.IncomingMessage, limit = 2 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function createApp(opts: AppOptions): Promise<GongzhiApp> {
  const { registry, database, auth } = opts;
  const schema = buildSchema(registry);
  const apollo = new ApolloServer<GongzhiContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    plugins: [gongzhiPlugin, ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    validationRules: [maxDepthRule(opts.maxQueryDepth ?? DEFAULT_MAX_QUERY_DEPTH)],
  });
  await apollo.start();

  const context = (principal: Principal, lang: 'zh' | 'en' = 'zh'): GongzhiContext => ({
    db: database.db,
    principal,
    lang,
    loaders: new LoaderCache(database.db),
    registry,
    personalDataReads: [],
    today: todayInShanghai(),
  });

  const sendJson = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const lang = pickLanguage(req.headers['accept-language']);
    try {
      if (url.pathname === '/health') {
        await database.db.execute('select 1' as never);
        return sendJson(res, 200, { status: 'ok', database: database.kind });
      }
      if (req.method === 'GET' && (url.pathname === '/' || url.pathname === '/graphiql')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return res.end(graphiqlPage(opts.demoToken));
      }
      if (req.method === 'GET' && url.pathname.startsWith('/graphiql/')) {
        const asset = graphiqlAsset(url.pathname.slice('/graphiql/'.length));
        if (!asset) return sendJson(res, 404, { error: 'not found' });
        res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' });
        return res.end(asset.body);
      }
      if (req.method === 'GET' && (await serveDashboard(req, res, url.pathname, opts.demoToken))) return;
      if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found: the API is at /graphql' });

      let principal: Principal;
      try {
        principal = await verifyToken(auth, req.headers.authorization);
      } catch (e) {
        if (e instanceof GongzhiError) return sendJson(res, 401, { errors: [{ message: e.bilingual[lang], extensions: e.extensions }] });
        throw e;
      }
      if (principal.anonymous && !auth.allowAnonymousRead) {
        return sendJson(res, 401, { errors: [{ message: lang === 'en' ? 'A bearer token is required' : '需要提供访问令牌（Bearer）', extensions: { code: 'UNAUTHENTICATED', reason: 'a bearer token is required' } }] });
      }

      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      const raw = req.method === 'POST' ? await readBody(req) : '';
      let body: unknown = undefined;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendJson(res, 400, { errors: [{ message: lang === 'en' ? 'The request body is not JSON' : '请求体不是合法的 JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      }
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => context(principal, lang),
      });
      const outHeaders: Record<string, string> = {};
      for (const [k, v] of result.headers) outHeaders[k] = v;
      res.writeHead(result.status ?? 200, outHeaders);
      if (result.body.kind === 'complete') res.end(result.body.string);
      else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (e) {
      const status = (e as { status?: number }).status ?? 500;
      if (status === 500) console.error('[gongzhi] request failed:', (e as Error).message);
      if (!res.headersSent) sendJson(res, status, { errors: [{ message: '服务器内部错误 / Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    }
  }

  let httpServer: http.Server | null = null;
  return {
    registry,
    schema,
    database,
    context,
    handle,
    async listen(port, host = '127.0.0.1') {
      httpServer = http.createServer((req, res) => void handle(req, res));
      await new Promise<void>((resolve, reject) => {
        httpServer!.once('error', reject);
        httpServer!.listen(port, host, () => resolve());
      });
      const addr = httpServer.address() as AddressInfo;
      return { url: `http://${host}:${addr.port}/graphql`, server: httpServer };
    },
    async stop() {
      if (httpServer) await new Promise<void>((r) => httpServer!.close(() => r()));
      await apollo.stop();
    },
  };
}
