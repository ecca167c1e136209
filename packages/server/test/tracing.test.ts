/**
 * Traces (issue 17): one GraphQL request yields one trace — a SERVER span named after the
 * operation, a span per resolver level (not per field), and a span per SQL statement, as many as
 * the statement counter the batching tests use — exported here to an in-memory exporter. SQL spans
 * carry the statement with placeholders, never its parameters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing, type TracingHandle } from '../src/tracing.js';
import { startTestServer, type TestServer } from '../src/testing/index.js';

const exporter = new InMemorySpanExporter();
let tracing: TracingHandle;
let s: TestServer;

beforeAll(async () => {
  tracing = startTracing({ exporter })!;
  s = await startTestServer({ localities: [{ code: '520000', name: '贵州省' }, { code: '520500', name: '毕节市' }, { code: '520527', name: '赫章县' }, { code: '520521', name: '大方县' }] });
});
afterAll(async () => {
  await s?.close();
  await tracing?.shutdown();
});

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('traces', () => {
  it('one request: a trace with its request span, one span per resolver level and one per SQL statement', async () => {
    exporter.reset();
    const before = s.database.statements.count;
    // Three levels of fields, lists included: province → its cities → their counties.
    const r = await s.gql('query Nested($c: DivisionCode!) { locality(code: $c) { code name children { code name children { code name } } } }', { c: '520000' });
    expect(r.errors).toBeUndefined();
    expect(r.data.locality.children[0].children.map((n: { code: string }) => n.code)).toEqual(['520521', '520527']);
    const statements = s.database.statements.count - before;
    await tracing.flush();

    const spans = exporter.getFinishedSpans();
    const requests = spans.filter((x) => x.kind === SpanKind.SERVER);
    expect(requests.map((x) => x.name)).toEqual(['query Nested']);
    const request = requests[0]!;
    expect(request.attributes['graphql.operation.name']).toBe('Nested');
    const trace = spans.filter((x) => x.spanContext().traceId === request.spanContext().traceId);

    const levels = trace.filter((x) => x.name.startsWith('graphql.resolve level'));
    // locality · code name children · code name children · code name: 4 depths (list items are not a level), not 10 fields.
    expect(levels.map((x) => x.attributes['graphql.level'])).toEqual([1, 2, 3, 4]);
    expect(levels.every((x) => parentOf(x) === request.spanContext().spanId)).toBe(true);
    expect(levels.find((x) => x.attributes['graphql.level'] === 4)!.attributes['graphql.fields.resolved']).toBe(4); // two counties × code, name

    const sql = trace.filter((x) => x.attributes['db.query.text'] !== undefined);
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.length).toBe(statements);
    for (const q of sql) {
      expect(q.kind).toBe(SpanKind.CLIENT);
      expect(parentOf(q)).toBe(request.spanContext().spanId);
      expect(String(q.attributes['db.query.text'])).not.toContain('520000'); // the variable went as a parameter
    }
    expect(sql.some((q) => /from "core"\."localities"/i.test(String(q.attributes['db.query.text'])))).toBe(true);
  });

  it("a request's error codes are on its span, and a caller's traceparent is continued", async () => {
    exporter.reset();
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-b7ad6b7169203331-01`, authorization: `Bearer ${await s.token()}` },
      body: JSON.stringify({ query: 'query Bad { locality(code: "12") { code } }' }),
    });
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    await tracing.flush();
    const request = exporter.getFinishedSpans().find((x) => x.kind === SpanKind.SERVER)!;
    expect(request.spanContext().traceId).toBe(traceId);
    expect(request.attributes['graphql.error.codes']).toEqual(['BAD_USER_INPUT']);
  });

  it('statements outside a request (boot, migrations, the CLI) make no spans', async () => {
    exporter.reset();
    await s.database.ping(1000);
    await tracing.flush();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
