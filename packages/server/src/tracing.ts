/**
 * Traces (issue 17), with OpenTelemetry: a span per HTTP GraphQL request, one per resolver level
 * (depth in the operation, not per field: a list of 500 schools would otherwise make 5,000 spans),
 * and one per SQL statement (instrument.ts). Exported over OTLP/HTTP when an endpoint is
 * configured; otherwise no provider is registered and every span is the API's no-op.
 *
 * Spans carry operation names, levels and SQL text with placeholders; never variables, parameters
 * or results, which may hold personal data.
 */
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { NodeTracerProvider, SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { GraphQLResolveInfo } from 'graphql';
import { createRequire } from 'node:module';

const requireModule = createRequire(import.meta.url);

const tracer = () => trace.getTracer('gongzhi');

export interface TracingHandle {
  provider: NodeTracerProvider;
  /** Send what is buffered (tests, shutdown). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Register a tracer provider for the process, exporting to `endpoint` over OTLP/HTTP, or to
 * `exporter` (tests pass an InMemorySpanExporter). With neither, nothing is registered: null.
 */
export function startTracing(o: { endpoint?: string; serviceName?: string; exporter?: SpanExporter }): TracingHandle | null {
  if (!o.endpoint && !o.exporter) return null;
  // The SDK (~15 MB of a process's memory) loads only when traces are recorded, and the OTLP
  // exporter (and its HTTP stack) only when they are exported; the API alone makes no-op spans.
  const { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor } = requireModule('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { resourceFromAttributes } = requireModule('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const processor = o.exporter
    ? new SimpleSpanProcessor(o.exporter)
    : new BatchSpanProcessor(new (requireModule('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter({ url: o.endpoint }));
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME || o.serviceName || 'gongzhi' }),
    spanProcessors: [processor],
  });
  // Sets the global provider, the AsyncLocalStorage context manager (so a statement deep in a
  // resolver finds its request) and the W3C traceparent propagator.
  provider.register();
  return {
    provider,
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/**
 * Run one HTTP GraphQL request inside its span, continuing the caller's trace when it sends a
 * traceparent header (the provincial router does). The span is renamed once the operation is
 * known (requestPlugin).
 */
export function withRequestSpan<T>(req: http.IncomingMessage, run: () => Promise<T>): Promise<T> {
  const parent = propagation.extract(context.active(), req.headers);
  return tracer().startActiveSpan(
    'graphql.request',
    { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': (req.url ?? '/').split('?')[0]! } },
    parent,
    async (span) => {
      try {
        return await run();
      } catch (e) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw e;
      } finally {
        span.end();
      }
    },
  );
}

/** Depth of a field in the operation: list indices do not count (a school in a list is one level). */
function depthOf(info: GraphQLResolveInfo): number {
  let d = 0;
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) if (typeof p.key === 'string') d++;
  return d;
}

const now = () => performance.timeOrigin + performance.now();

/**
 * Names the request span after its operation, marks its errors, and adds one span per resolver
 * level, from the first field of that depth starting to the last one finishing. The level spans
 * are made when execution ends, with those times, so resolving a field costs two clock reads.
 */
export const tracingPlugin: ApolloServerPlugin<any> = {
  async requestDidStart() {
    const span = trace.getActiveSpan();
    if (!span || !span.isRecording()) return {};
    const ctx: Context = context.active();
    return {
      async didResolveOperation({ operationName, operation }) {
        const type = operation?.operation ?? 'query';
        const name = operationName ?? operation?.name?.value ?? null;
        span.updateName(name ? `${type} ${name}` : type);
        span.setAttribute('graphql.operation.type', type);
        if (name) span.setAttribute('graphql.operation.name', name);
      },
      async didEncounterErrors({ errors }) {
        const codes = [...new Set(errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
        span.setAttribute('graphql.error.codes', codes);
        span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(',') });
      },
      async executionDidStart() {
        const levels = new Map<number, { start: number; end: number; fields: number }>();
        return {
          willResolveField({ info }) {
            const depth = depthOf(info);
            const t = now();
            let l = levels.get(depth);
            if (!l) levels.set(depth, (l = { start: t, end: t, fields: 0 }));
            l.fields++;
            return () => {
              const e = now();
              if (e > l!.end) l!.end = e;
            };
          },
          async executionDidEnd() {
            for (const [depth, l] of [...levels].sort((a, b) => a[0] - b[0])) {
              const s: Span = tracer().startSpan(`graphql.resolve level ${depth}`, { startTime: l.start, attributes: { 'graphql.level': depth, 'graphql.fields.resolved': l.fields } }, ctx);
              s.end(l.end);
            }
          },
        };
      },
    };
  },
};
