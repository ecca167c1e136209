import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationContext } from 'graphql';
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
import { unavailableReason, type Database } from './database.js';
import { createMetrics } from './metrics.js';
import { metricsAccess } from './ops-config.js';
import { tracingPlugin, withRequestSpan } from './tracing.js';
import { verifyToken, type AuthSettings } from './auth.js';
import { graphiqlAsset, graphiqlPage } from './graphiql.js';
import { serveDashboard } from './dashboard.js';
import { logger as processLogger, requestIdFrom, type Logger } from './logger.js';
import { operationCost } from './cost.js';
import { inputProblems } from './input-guard.js';

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
  'SERVICE_UNAVAILABLE',
  'TIMEOUT',
]);

/** A request context with what the server adds for its own use (the request id, the deadline). */
type ServerContext = GongzhiContext & { requestId?: string; deadline?: number; log?: Logger };

const unavailableMessage = { zh: '数据库暂时不可用，请稍后重试', en: 'The database is unavailable just now; retry shortly' };

/**
 * Expected errors keep their code and details; the database being unavailable is SERVICE_UNAVAILABLE
 * with a retry hint; anything else shows no internals (no SQL, stack or paths) — the request id,
 * added when the response is sent, is what ties it to the server log.
 */
export function formatError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  const expected = expectedInputError(error);
  if (expected) return { message: expected.message, path: formatted.path, locations: formatted.locations, extensions: expected.extensions };
  const code = formatted.extensions?.code as string | undefined;
  const reason = unavailableReason(error);
  if (reason && code !== 'BAD_USER_INPUT')
    return { message: `${unavailableMessage.zh} / ${unavailableMessage.en}`, path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 } };
  if (code && KNOWN_CODES.has(code)) {
    const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { message: '服务器内部错误，请稍后重试 / Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * Errors of the libraries under us that are the caller's mistake, not ours, given their typed
 * code (issue 14: each was INTERNAL_SERVER_ERROR): Pothos refuses `first: -1` and a global id that
 * does not decode (`node(id: "")`, bad base64, a cursor of the wrong kind); Apollo refuses a
 * persisted query whose hash does not match its text.
 */
export function expectedInputError(error: unknown): { message: string; extensions: Record<string, unknown> } | null {
  for (let e = error, i = 0; e && i < 4; e = (e as { originalError?: unknown }).originalError, i++) {
    const name = (e as { name?: string }).name;
    const message = String((e as { message?: unknown }).message ?? '');
    if (name === 'PothosValidationError') {
      const arg = /Argument "(\w+)"/.exec(message)?.[1];
      if (arg) return bad(arg, `must be a non-negative integer`, `参数 ${arg} 应为非负整数`, `argument ${arg} must be a non-negative integer`);
      if (/global ID/i.test(message)) return bad('id', 'is not a valid global ID', 'id 不是有效的全局 ID', 'id is not a valid global ID');
      if (/cursor/i.test(message)) return bad('after', 'is not a cursor of this list', '游标无效', 'the cursor is not one of this list');
      return bad('(argument)', message, `输入有误：${message}`, `Invalid input: ${message}`);
    }
    // PostgreSQL's data exceptions (class 22: a cursor that is not a key, a value out of a column's
    // range or form) are the input's fault, whichever check above let it through.
    const sqlstate = (e as { cause?: { code?: unknown }; code?: unknown }).cause?.code ?? (e as { code?: unknown }).code;
    if (typeof sqlstate === 'string' && /^22[0-9A-Z]{3}$/.test(sqlstate))
      return bad('(argument)', `a value does not fit its field (SQLSTATE ${sqlstate})`, '输入的某个值不符合其字段的格式或范围', 'a value of the input does not fit its field (form or range)');
    if (/provided sha does not match query/.test(message))
      return bad('extensions.persistedQuery.sha256Hash', 'does not match the query', '持久化查询的哈希与查询文本不符', 'the persisted query hash does not match the query');
  }
  return null;
  function bad(field: string, reason: string, zh: string, en: string) {
    return { message: `${zh} / ${en}`, extensions: { code: 'BAD_USER_INPUT', field, reason } };
  }
}

/** A limit's refusal as a typed validation error naming the limit, its maximum and what was found, in the caller's language. */
function validationError(ctx: ValidationContext | null, limit: 'depth' | 'aliases' | 'directives', error: GraphQLError, max: number) {
  const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? NaN);
  const what = { depth: ['嵌套', '层', 'nests', 'fields deep'], aliases: ['使用别名', '个', 'uses', 'aliases'], directives: ['使用指令', '个', 'uses', 'directives'] }[limit];
  const e = new GongzhiError(
    'GRAPHQL_VALIDATION_FAILED',
    {
      zh: `查询${what[0]} ${found} ${what[1]}，超过上限 ${max} ${what[1]}：请拆成几个查询`,
      en: `the query ${what[2]} ${found} ${what[3]}, more than the limit of ${max}: split it into several queries`,
    },
    { limit, max, found, ...(limit === 'depth' ? { depth: found, maxDepth: max } : {}) },
  );
  if (ctx) ctx.reportError(e);
  else throw e;
}

interface PluginOptions {
  production: boolean;
  routerSecret?: string;
  schema: GraphQLSchema;
  maxCost: number;
}

/**
 * Input checks and the cost limit before an operation runs; `_service` only for the router in
 * production; the deadline per field; messages in the caller's language; unexpected errors logged
 * with the request id; one audit row per locality for the request's reads of personal data.
 */
function gongzhiPlugin(o: PluginOptions): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operationName, contextValue: ctx, operation }) {
          // Authorization before anything about the input (issue 14): a caller who may write nowhere
          // learns nothing from a mutation — not whether an id exists, nor what its input checks say.
          if (operation?.operation === 'mutation' && !ctx.principal.roles.some((r) => r === 'editor' || r === 'admin')) {
            throw new GongzhiError(
              'FORBIDDEN',
              ctx.principal.anonymous
                ? { zh: '无权操作：写操作需要访问令牌（编辑或管理员角色）', en: 'Forbidden: a mutation needs a bearer token with the editor or admin role' }
                : { zh: '无权操作：写操作需要编辑或管理员角色', en: 'Forbidden: a mutation needs the editor or admin role' },
              { scope: 'editor', http: { status: 403 } },
            );
          }
          // NUL characters (PostgreSQL text cannot hold them) are refused up front, naming the field.
          const problem = inputProblems(document, request.variables);
          if (problem) throw new GongzhiError('BAD_USER_INPUT', problem.message, { field: problem.field, reason: problem.reason, http: { status: 400 } });
          // The schema SDL is for the provincial router: in production only its shared secret opens it.
          if (o.production && operation?.selectionSet.selections.some((s) => s.kind === 'Field' && s.name.value === '_service')) {
            const got = request.http?.headers.get('x-gongzhi-router-secret') ?? '';
            const ok = !!o.routerSecret && got.length === o.routerSecret.length && crypto.timingSafeEqual(Buffer.from(got), Buffer.from(o.routerSecret));
            if (!ok)
              throw new GongzhiError('FORBIDDEN', { zh: '`_service` 仅供省级路由（需要共享密钥）', en: '`_service` answers only the provincial router (its shared secret header)' }, { scope: 'router', http: { status: 403 } });
          }
          const cost = operationCost(o.schema, document, request.variables, operationName);
          if (cost > o.maxCost)
            throw new GraphQLError(
              `查询代价 ${cost} 超过上限 ${o.maxCost}：报表字段代价高，请分几次请求 / The operation costs ${cost}, more than the limit of ${o.maxCost}: reports cost much more than fields; ask in several requests`,
              { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', max: o.maxCost, cost, http: { status: 400 } } },
            );
        },
        async didEncounterErrors({ contextValue: ctx, errors }) {
          for (const e of errors) {
            const original = e.originalError instanceof GongzhiError ? e.originalError : e instanceof GongzhiError ? e : null;
            if (original) (e as { message: string }).message = original.bilingual[ctx.lang];
            const code = e.extensions?.code as string | undefined;
            if (!original && !(code && KNOWN_CODES.has(code)) && !expectedInputError(e)) {
              const reason = unavailableReason(e.originalError ?? e);
              const log = ctx.log ?? processLogger;
              if (reason) log.warn({ requestId: ctx.requestId, path: e.path, reason }, 'database unavailable');
              else log.error({ requestId: ctx.requestId, path: e.path, err: e.originalError ?? e }, 'unexpected error');
            }
          }
        },
        async willSendResponse({ contextValue: ctx, response }) {
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            const errors = response.body.singleResult.errors;
            for (const e of errors) if (e.extensions?.code === 'INTERNAL_SERVER_ERROR') (e.extensions as Record<string, unknown>).requestId = ctx.requestId;
            if (errors.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) {
              response.http.status = 503;
              response.http.headers.set('retry-after', '2');
            }
          }
          const reads = ctx.personalDataReads;
          if (reads.length === 0) return;
          ctx.personalDataReads = [];
          // One audit row per locality whose personal data the request read.
          const byLocality = new Map<string, typeof reads>();
          for (const r of reads) byLocality.set(r.localityCode, [...(byLocality.get(r.localityCode) ?? []), r]);
          await ctx.db.insert(tables.auditLog).values(
            [...byLocality].map(([localityCode, rs]) => ({
              actor: ctx.principal.subject,
              localityCode,
              operation: 'readPersonalData',
              entity: 'Person',
              entityKeys: [...new Set(rs.map((r) => r.key))],
              fields: [...new Set(rs.map((r) => r.field))],
            })),
          );
        },
      };
    },
  };
}

export interface GongzhiApp {
  registry: Registry;
  schema: GraphQLSchema;
  database: Database;
  /** Build a request context (tests may call resolvers through it). */
  context(principal: Principal, lang?: 'zh' | 'en'): GongzhiContext;
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown>;
  listen(port: number, host?: string): Promise<{ url: string; server: http.Server }>;
  /** Stop taking requests, let those in flight finish (at most `drainMs`), then stop. */
  stop(drainMs?: number): Promise<void>;
}

/** Request limits (config `server.limits`, issue 14). */
export interface AppLimits {
  maxAliases: number;
  maxTokens: number;
  maxDirectives: number;
  maxCost: number;
  maxBodyBytes: number;
  requestTimeoutMs: number;
}

export interface AppOptions {
  registry: Registry;
  database: Database;
  auth: AuthSettings;
  /** Shown in GraphiQL's headers (and offered by the dashboard) in demo mode, to loopback callers only. */
  demoToken?: string | (() => string | Promise<string>);
  /** Deepest field nesting an operation may have (config `server.maxQueryDepth`). */
  maxQueryDepth?: number;
  limits?: Partial<AppLimits>;
  /** Production: introspection and suggestions off, `_service` only with the router's secret, GraphiQL off by default. */
  production?: boolean;
  /** GraphiQL on or off; default: on unless production. */
  graphiql?: boolean;
  routerSecret?: string;
  logger?: Logger;
  /** How long /ready waits for the database. */
  readyTimeoutMs?: number;
  /** /metrics (metrics.ts): default on in development, off in production (see ops-config.ts). */
  metrics?: { enabled: boolean; token?: string };
}

export const DEFAULT_LIMITS: AppLimits = { maxAliases: 15, maxTokens: 10_000, maxDirectives: 30, maxCost: 200_000, maxBodyBytes: 16 * 1024 * 1024, requestTimeoutMs: 30_000 };

/** Deep enough for every screen we know of (the deepest test query nests 12), far from unbounded. */
export const DEFAULT_MAX_QUERY_DEPTH = 20;

class BodyTooLarge extends Error {
  status = 413;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > limit) {
      drain(req, limit);
      return reject(new BodyTooLarge('body too large'));
    }
    let size = 0;
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.off('data', onData);
        chunks.length = 0;
        drain(req, limit);
        reject(new BodyTooLarge('body too large'));
      } else chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Read and drop the rest of a refused body, so the 413 reaches the client; give up on a flood. */
function drain(req: http.IncomingMessage, limit: number) {
  let dropped = 0;
  const timer = setTimeout(() => req.destroy(), 10_000);
  req.on('data', (c: Buffer) => {
    dropped += c.length;
    if (dropped > 4 * limit) req.destroy();
  });
  req.on('end', () => clearTimeout(timer));
  req.on('close', () => clearTimeout(timer));
  req.resume();
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);

export async function createApp(opts: AppOptions): Promise<GongzhiApp> {
  const { registry, database, auth } = opts;
  const production = !!opts.production;
  const graphiqlOn = opts.graphiql ?? !production;
  const limits: AppLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const log = opts.logger ?? processLogger;
  const schema = buildSchema(registry);
  const metrics = createMetrics(database, opts.metrics ?? metricsAccess(undefined, production));
  const maxDepth = opts.maxQueryDepth ?? DEFAULT_MAX_QUERY_DEPTH;
  // graphql-armor's limits, each refused as GRAPHQL_VALIDATION_FAILED naming the limit. Its cost
  // limit knows no field's price, so cost.ts (graphql-query-complexity) prices the reports instead.
  // Depth stays 20: the deepest screen nests 12 and the router's `_entities` adds two levels.
  const armor = new ApolloArmor({
    maxDepth: { n: maxDepth, ignoreIntrospection: true, propagateOnRejection: false, onReject: [(c, e) => validationError(c, 'depth', e, maxDepth)] },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [(c, e) => validationError(c, 'aliases', e, limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [(c, e) => validationError(c, 'directives', e, limits.maxDirectives)] },
    maxTokens: { n: limits.maxTokens },
    costLimit: { enabled: false },
    // "Did you mean …" helps a developer and maps the schema for anyone else: off in production.
    blockFieldSuggestion: { enabled: production, mask: '' },
  }).protect();
  const apollo = new ApolloServer<ServerContext>({
    schema,
    formatError,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // No plugin here resolves per field (willResolveField) unless tracing records: one that does makes
    // Apollo wrap every resolver of the schema for good. Cache control (no CDN reads our hints) is
    // such a plugin, on by default. Responses are compact JSON, not Apollo's pretty-printed.
    plugins: [gongzhiPlugin({ production, routerSecret: opts.routerSecret, schema, maxCost: limits.maxCost }), ...armor.plugins, ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), metrics.plugin, tracingPlugin],
    stringifyResult: (value) => JSON.stringify(value),
    validationRules: armor.validationRules,
  });
  await apollo.start();

  const context = (principal: Principal, lang: 'zh' | 'en' = 'zh', deadline?: number): GongzhiContext => ({
    db: database.db,
    principal,
    lang,
    loaders: new LoaderCache(database.db, { deadline }),
    registry,
    personalDataReads: [],
    today: todayInShanghai(),
  });

  const sendJson = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    // Errors answered outside Apollo (401, 413, timeouts, 503) count in /metrics like those inside.
    for (const e of (body as { errors?: { extensions?: { code?: string } }[] }).errors ?? []) metrics.countError(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  let listeningOnLoopback = false;
  let draining = false;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const lang = pickLanguage(req.headers['accept-language']);
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    try {
      // Liveness: the process answers. It never waits for the database (a locked table or a full
      // pool must not get a healthy replica restarted); /ready is the database check.
      if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/ready') {
        if (draining) return sendJson(res, 503, { status: 'draining' }, { 'retry-after': '5' });
        try {
          await database.ping(opts.readyTimeoutMs ?? 1_000);
          return sendJson(res, 200, { status: 'ready', database: database.kind });
        } catch (e) {
          log.warn({ requestId, err: e }, 'not ready: the database did not answer');
          return sendJson(res, 503, { status: 'unavailable', database: database.kind }, { 'retry-after': '2' });
        }
      }
      const wantsHtml = req.method === 'GET' && /text\/html/.test(req.headers.accept ?? '');
      // The demo token only for a server on loopback, asked from loopback: a demo reachable from a
      // network must not hand out an admin token to whoever opens the page.
      const local = listeningOnLoopback && LOOPBACK.has(req.socket.remoteAddress ?? '');
      if (graphiqlOn && req.method === 'GET' && (url.pathname === '/' || url.pathname === '/graphiql')) {
        const token = local && opts.demoToken ? (typeof opts.demoToken === 'string' ? opts.demoToken : await opts.demoToken()) : undefined;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(graphiqlPage(token));
      }
      if (graphiqlOn && req.method === 'GET' && url.pathname.startsWith('/graphiql/')) {
        const asset = graphiqlAsset(url.pathname.slice('/graphiql/'.length));
        if (!asset) return sendJson(res, 404, { error: 'not found' });
        res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' });
        return res.end(asset.body);
      }
      if (req.method === 'GET' && (await serveDashboard(req, res, url.pathname, local ? opts.demoToken : undefined))) return;
      if (url.pathname === '/metrics' && (await metrics.handle(req, res))) return;
      if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found: the API is at /graphql' });
      // A browser opening /graphql gets GraphiQL, not a CSRF refusal, where GraphiQL is on.
      if (wantsHtml && graphiqlOn && !url.searchParams.has('query')) {
        res.writeHead(302, { location: '/graphiql' });
        return res.end();
      }

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
      let raw = '';
      if (req.method === 'POST') {
        try {
          raw = await readBody(req, limits.maxBodyBytes);
        } catch (e) {
          if (e instanceof BodyTooLarge)
            return sendJson(
              res,
              413,
              { errors: [{ message: lang === 'en' ? `The request body is over ${limits.maxBodyBytes} bytes` : `请求体超过 ${limits.maxBodyBytes} 字节`, extensions: { code: 'BAD_REQUEST', reason: 'body too large', maxBodyBytes: limits.maxBodyBytes } }] },
              { connection: 'close' },
            );
          throw e;
        }
      }
      let body: unknown = undefined;
      if (raw) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendJson(res, 400, { errors: [{ message: lang === 'en' ? 'The request body is not JSON' : '请求体不是合法的 JSON', extensions: { code: 'BAD_REQUEST' } }] });
        }
      }
      const deadline = Date.now() + limits.requestTimeoutMs;
      const execution = withRequestSpan(req, () =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
          context: async () => ({ ...context(principal, lang, deadline), requestId, deadline, log }),
        }),
      );
      // A query past its deadline is answered with a typed timeout; a mutation is left to finish
      // (its transaction commits or rolls back whole).
      const isQuery = !/^\s*mutation\b/.test(String((body as { query?: unknown } | undefined)?.query ?? ''));
      let timer: NodeJS.Timeout | undefined;
      const result = isQuery
        ? await Promise.race([execution, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), limits.requestTimeoutMs + 250)))]).finally(() => clearTimeout(timer))
        : await execution;
      if (result === 'timeout') {
        log.warn({ requestId, timeoutMs: limits.requestTimeoutMs }, 'request over its deadline');
        return sendJson(
          res,
          503,
          { errors: [{ message: lang === 'en' ? 'The request ran out of time; ask for less and retry' : '请求超时，请缩小查询范围后重试', extensions: { code: 'TIMEOUT', timeoutMs: limits.requestTimeoutMs } }] },
          { 'retry-after': '5' },
        );
      }
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
      const reason = unavailableReason(e);
      if (reason) {
        log.warn({ requestId, reason }, 'database unavailable');
        if (!res.headersSent)
          return sendJson(res, 503, { errors: [{ message: `${unavailableMessage.zh} / ${unavailableMessage.en}`, extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 } }] }, { 'retry-after': '2' });
      }
      if (status === 500) log.error({ requestId, err: e, path: url.pathname }, 'request failed');
      if (!res.headersSent) sendJson(res, status, { errors: [{ message: '服务器内部错误 / Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
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
      listeningOnLoopback = LOOPBACK.has(host);
      const addr = httpServer.address() as AddressInfo;
      return { url: `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}/graphql`, server: httpServer };
    },
    async stop(drainMs = 10_000) {
      draining = true;
      if (httpServer) {
        const server = httpServer;
        const closed = new Promise<void>((r) => server.close(() => r()));
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), drainMs);
        await closed;
        clearTimeout(timer);
      }
      await apollo.stop();
    },
  };
}
