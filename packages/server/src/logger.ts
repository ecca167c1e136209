import crypto from 'node:crypto';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

/**
 * The server's structured log (pino, one JSON object a line on stdout). Every line about a request
 * carries its `requestId`, the id the client also gets in an unexpected error's `extensions`, so an
 * operator can find the cause of a user's "请求编号 …" (issue 14).
 *
 * Personal data stays out of the log (DESIGN.md, Personal data): we log ids, codes, field names and
 * error messages, never variables or results; the redact list below is a second line of defence for
 * anything that slips into an object we log (request headers, GraphQL variables).
 *
 * Level: GONGZHI_LOG_LEVEL (trace … fatal, or silent); tests default to silent, so the suite's output
 * stays readable, unless the variable is set.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["x-gongzhi-router-secret"]',
  'variables',
  '*.variables',
  '*.idNumber',
  '*.phone',
  '*.birthDate',
  'token',
  '*.token',
];

export function createLogger(options: LoggerOptions = {}, destination?: DestinationStream): Logger {
  const level = process.env.GONGZHI_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  return pino(
    {
      name: 'gongzhi',
      level,
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      ...options,
    },
    destination,
  );
}

/** The process's logger; the operations code (metrics, tracing, backups) logs through it too. */
export let logger: Logger = createLogger();

/** Replace the process's logger (tests capture lines; a host may route them elsewhere). */
export function setLogger(l: Logger): void {
  logger = l;
}

/** A request id: the caller's `x-request-id` when it looks like one (a load balancer's), else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const h = Array.isArray(header) ? header[0] : header;
  return h && /^[A-Za-z0-9._:-]{8,128}$/.test(h) ? h : crypto.randomUUID();
}
