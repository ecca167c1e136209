/**
 * Gongzhi as the bench runs it: packages/server's createApp over the bench database (DATABASE_URL),
 * with the plugins of the repo's gongzhi.config.ts installed (so the schema is schema/schema.graphql)
 * and no seeding of any kind: the data is the generated one only. It runs as production does, on the
 * built packages (`npm run build`; README, Production) with Node alone, no tsx. From the repo root:
 *   node scripts/build-packages.mjs
 *   DATABASE_URL=… PORT=… BENCH_JWT_SECRET=… node --conditions=gongzhi-built bench/src/gongzhi-server.mjs
 * (one process, so the bench reads this process's RSS and CPU).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Registry } from '@gongzhi/core';
import { createApp, loadConfig, openDatabase, secretKey } from '@gongzhi/server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const url = process.env.DATABASE_URL;
const port = Number(process.env.PORT ?? 4100);
const secret = process.env.BENCH_JWT_SECRET;
if (!url || !secret) throw new Error('DATABASE_URL and BENCH_JWT_SECRET are required');

const { config } = await loadConfig(path.join(root, 'gongzhi.config.ts'));
const database = await openDatabase({ url });
const app = await createApp({
  registry: new Registry(config.plugins),
  database,
  auth: { secret: secretKey(secret), issuer: config.auth.issuer, allowAnonymousRead: config.auth.allowAnonymousRead },
  maxQueryDepth: config.server.maxQueryDepth,
});
const { url: served } = await app.listen(port, '127.0.0.1');
console.log(`gongzhi ready on ${served} (node ${process.version}, pid ${process.pid})`);
const stop = async () => {
  await app.stop();
  await database.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// `kill -USR2 <pid>`: print the process's memory (the bench's own probe of where RSS goes).
process.on('SIGUSR2', () => {
  const m = process.memoryUsage();
  console.log(`memory: rss ${(m.rss / 1e6).toFixed(0)} MB, heap used ${(m.heapUsed / 1e6).toFixed(0)} of ${(m.heapTotal / 1e6).toFixed(0)} MB, external ${(m.external / 1e6).toFixed(0)} MB, array buffers ${(m.arrayBuffers / 1e6).toFixed(0)} MB`);
});
