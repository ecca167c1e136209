/**
 * The operations part of the config (issue 17): metrics and traces. Kept apart from config.ts so
 * the schema there gains two lines.
 */
import { z } from 'zod';

export const metricsConfigSchema = z
  .object({
    /**
     * Serve /metrics. Unset: on in development, off in production. In production it is served only
     * with a token (GONGZHI_METRICS_TOKEN or `token`), since counts by operation say what a
     * bureau's screens ask.
     */
    enabled: z.boolean().optional(),
    /** Bearer token a scraper sends (`Authorization: Bearer …`); GONGZHI_METRICS_TOKEN wins. */
    token: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  })
  .strict()
  .prefault({});

export const tracingConfigSchema = z
  .object({
    /**
     * OTLP/HTTP traces endpoint (e.g. http://collector:4318/v1/traces). Unset, and no
     * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT / OTEL_EXPORTER_OTLP_ENDPOINT: tracing is a no-op.
     */
    endpoint: z.string().url().optional(),
    /** service.name of every span. OTEL_SERVICE_NAME wins. */
    serviceName: z.string().min(1).default('gongzhi'),
  })
  .strict()
  .prefault({});

export const backupConfigSchema = z
  .object({
    /** A folder for snapshots the server takes itself (unset: none). The way to back up a running PGlite server. */
    dir: z.string().optional(),
    /** Hours between snapshots. */
    everyHours: z.number().min(0.01).max(24 * 31).default(24),
    /** Snapshots kept in `dir`; older ones are deleted. */
    keep: z.number().int().min(1).max(1000).default(7),
  })
  .strict()
  .prefault({});

export type MetricsConfig = z.output<typeof metricsConfigSchema>;
export type TracingConfig = z.output<typeof tracingConfigSchema>;

/** What /metrics does, from the config, the environment and the mode. */
export function metricsAccess(c: MetricsConfig | undefined, production: boolean, env: NodeJS.ProcessEnv = process.env): { enabled: boolean; token?: string } {
  const token = env.GONGZHI_METRICS_TOKEN || c?.token;
  const enabled = c?.enabled ?? !production;
  // Production never serves metrics to anyone who asks: no token, no metrics.
  if (production && !token) return { enabled: false };
  return { enabled, token };
}

/** The OTLP endpoint in force, or undefined (no-op tracing). */
export function tracingEndpoint(c: TracingConfig | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`;
  return c?.endpoint;
}
