import path from 'node:path';
import crypto from 'node:crypto';
import { Registry, schoolYearOf, todayInShanghai } from '@gongzhi/core';
import type { GongzhiConfig } from './config.js';
import { openDatabase, type Database } from './database.js';
import { createApp, type GongzhiApp } from './app.js';
import { secretKey, signToken, type AuthSettings } from './auth.js';
import { seedFromConfig } from './seed.js';
import { seedDemoCounty } from './demo.js';

export interface BootOptions {
  config: GongzhiConfig;
  /** The config file's folder: the data folder is relative to it. */
  baseDir: string;
  /** DATABASE_URL, or null for PGlite. */
  databaseUrl?: string | null;
  /** Override the data folder ('memory' for tests). */
  dataDir?: string | null;
  demo?: boolean;
  log?: (line: string) => void;
}

export interface Booted {
  app: GongzhiApp;
  database: Database;
  auth: AuthSettings;
  demoToken?: string;
}

export function authSettings(config: GongzhiConfig, demo: boolean): AuthSettings {
  const secret = process.env.GONGZHI_JWT_SECRET ?? config.auth.secret;
  if (!secret && !demo)
    throw new Error('没有配置令牌密钥 / No token secret: set GONGZHI_JWT_SECRET or auth.secret in the config (demo mode makes one up).');
  return { secret: secretKey(secret ?? crypto.randomBytes(32).toString('hex')), issuer: config.auth.issuer, allowAnonymousRead: config.auth.allowAnonymousRead };
}

/** Open the database, apply every package's migrations, seed, and build the app. */
export async function boot(o: BootOptions): Promise<Booted> {
  const log = o.log ?? (() => {});
  const registry = new Registry(o.config.plugins);
  const database = await openDatabase({ url: o.databaseUrl, dataDir: o.dataDir ?? path.resolve(o.baseDir, o.config.database.dataDir) });
  try {
    await database.migrate(o.config.plugins);
    await seedFromConfig(database.db, registry, o.config, log);
    if (o.demo && o.config.demo.county) await seedDemoCounty(database.db, o.config.demo.county, schoolYearOf(todayInShanghai()), undefined, log);
    const auth = authSettings(o.config, !!o.demo);
    const roots = [...new Set(o.config.localities.map((l) => l.code).filter((c) => c.endsWith('0000')))];
    const demoToken = o.demo
      ? await signToken(auth, { sub: 'demo-admin', roles: ['admin', 'editor', 'viewer'], localities: roots, pii: roots }, '30d')
      : undefined;
    const app = await createApp({ registry, database, auth, demoToken, maxQueryDepth: o.config.server.maxQueryDepth });
    return { app, database, auth, demoToken };
  } catch (e) {
    await database.close();
    throw e;
  }
}
