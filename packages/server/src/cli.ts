#!/usr/bin/env node
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSchema, Registry } from '@gongzhi/core';
import { ConfigError, isProduction, loadConfig, securityProblems } from './config.js';
import { boot } from './boot.js';
import { DataDirLockedError, openDatabase } from './database.js';
import { seedFromConfig } from './seed.js';
import { printSchemaFile } from './schema-file.js';
import { scaffoldPlugin, ScaffoldError } from './scaffold.js';
import { tokenCommand } from './integrator-token.js';

const USAGE = `gongzhi <command> [options]

Commands:
  serve     start the GraphQL server (PGlite in the data folder, or DATABASE_URL)
  migrate   apply core's and every installed plugin's migrations
  seed      put the config's localities, regimes and the plugins' seeds in the database
  schema    print the GraphQL SDL (--out FILE to write it)
  check     validate the config file
  import    load data: \`import stats FILE --school-year Y\` (one row per school) or
            \`import staff FILE\` (one row per person); CSV or XLSX, see packages/server/IMPORT.md
  backup    write a snapshot of the database (--out FILE; default gongzhi-backup-<time>.jsonl.gz),
            readable by restore on PGlite or PostgreSQL; see docs/operations.md
  restore   \`restore FILE\`: load a snapshot into an empty data folder or database (--force to replace)
  token     \`token integrator --sub NAME --province CODE [--pii CODE] [--expires 30d]\`: mint a
            read-only service-account token for a provincial integrator; prints scope and expiry
  plugin    \`plugin new ID\`: scaffold plugins/ID, a regime in the layout of plugins/README.md
            (then one line of gongzhi.config.ts and \`npm install\`)

Options:
  --config FILE     the config file (default: gongzhi.config.ts in this folder)
  --data-dir DIR    the PGlite data folder (default: database.dataDir of the config)
  --port N          serve: the port (default: server.port of the config)
  --demo            serve/seed: add sample data and print a demo token
  --out FILE        schema: write the SDL to FILE; backup: the snapshot file
  --force           restore: replace what a non-empty target holds
  --format F        backup: snapshot (default; restores on PGlite or PostgreSQL) or pg_dump
                    (PostgreSQL, pg_dump on PATH; restore hands it to pg_restore)
  --school-year Y   import: the school year (2024-2025) the statistics describe / staff posts start in
  --load-good-rows  import: write the valid rows even when some rows are bad
  --dir DIR         plugin new: the folder to create the plugin in (default: plugins/ of the workspace)
`;

async function main(argv: string[]): Promise<number> {
  // Minting a service-account token takes its own options (packages/server/src/integrator-token.ts).
  if (argv[0] === 'token') return tokenCommand(argv.slice(1));
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
      out: { type: 'string' },
      'school-year': { type: 'string' },
      'load-good-rows': { type: 'boolean', default: false },
      dir: { type: 'string' },
      force: { type: 'boolean', default: false },
      format: { type: 'string', default: 'snapshot' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = positionals[0];
  if (!command || values.help) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  // Scaffolding needs no config (and must work while the config does not list the new plugin yet).
  if (command === 'plugin') return pluginCommand(positionals.slice(1), values.dir);
  const { config, file, dir } = await loadConfig(values.config);
  const databaseUrl = process.env.DATABASE_URL || null;
  const log = (line: string) => console.log(`[gongzhi] ${line}`);

  switch (command) {
    case 'check': {
      const registry = new Registry(config.plugins);
      buildSchema(registry);
      // What start would refuse, check refuses too: a short secret (by the environment or the
      // config), no secret for a real server, demo in production.
      const problems = securityProblems(config, { demo: values.demo });
      if (problems.length) throw new ConfigError(path.basename(file), problems);
      console.log(`配置有效 / config OK: ${path.relative(process.cwd(), file) || file}`);
      console.log(`  plugins: ${config.plugins.map((p) => p.id).join(', ') || 'none'}; localities: ${config.localities.length}; regimes enabled: ${config.governance.length}`);
      console.log(`  mode: ${isProduction(config) ? 'production' : 'development'}; token lifetime at most ${config.auth.maxTokenLifetime} (service accounts ${config.auth.serviceAccountMaxTokenLifetime ?? config.auth.maxTokenLifetime})`);
      return 0;
    }
    case 'schema': {
      const sdl = printSchemaFile(config.plugins);
      if (values.out) fs.writeFileSync(values.out, sdl);
      // Wait until the SDL is handed to the OS: process.exit right after a write to a pipe cut it
      // at 64 KiB (`gongzhi schema | …`).
      else await new Promise<void>((resolve, reject) => process.stdout.write(sdl, (e) => (e ? reject(e) : resolve())));
      return 0;
    }
    case 'migrate':
    case 'seed': {
      const database = await openDatabase({ url: databaseUrl, dataDir: values['data-dir'] ?? path.resolve(dir, config.database.dataDir) });
      try {
        await database.migrate(config.plugins);
        log(`migrations applied (${database.kind})`);
        if (command === 'seed') {
          await seedFromConfig(database.db, new Registry(config.plugins), config, log);
          if (values.demo && config.demo.county) {
            const { seedDemoCounty } = await import('./demo.js');
            const { schoolYearOf, todayInShanghai } = await import('@gongzhi/core');
            await seedDemoCounty(database.db, config.demo.county, schoolYearOf(todayInShanghai()), undefined, log);
          }
          log('seeded');
        }
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'import': {
      const database = await openDatabase({ url: databaseUrl, dataDir: values['data-dir'] ?? path.resolve(dir, config.database.dataDir) });
      try {
        await database.migrate(config.plugins);
        const registry = new Registry(config.plugins);
        // The localities and regimes the rows need, not the plugins' sample schools and groups: an
        // import is a bureau loading its own data (the samples come with `seed` or `serve --demo`).
        await seedFromConfig(database.db, registry, config, undefined, { samples: false });
        const { runImportCommand } = await import('./import/cli-import.js');
        return await runImportCommand(database.db, registry, { kind: positionals[1], file: positionals[2], schoolYear: values['school-year'], loadGoodRows: values['load-good-rows'] });
      } finally {
        await database.close();
      }
    }
    case 'backup':
    case 'restore': {
      // Backup and restore (issue 17): backup.ts. On PGlite the folder's lock refuses a running server's folder.
      const { backupDatabase, isPgDumpArchive, pgDumpBackup, pgRestore, restoreDatabase, RestoreError } = await import('./backup.js');
      const database = await openDatabase({ url: databaseUrl, dataDir: values['data-dir'] ?? path.resolve(dir, config.database.dataDir) });
      try {
        if (command === 'backup') {
          const out = values.out ?? `gongzhi-backup-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}${values.format === 'pg_dump' ? '.pgdump' : '.jsonl.gz'}`;
          if (values.format === 'pg_dump') {
            if (!databaseUrl) throw new Error('--format pg_dump needs DATABASE_URL (PostgreSQL); PGlite takes the default format');
            pgDumpBackup(databaseUrl, out);
            log(`pg_dump archive written: ${out}`);
            return 0;
          }
          if (values.format !== 'snapshot') throw new Error(`--format is snapshot or pg_dump, not ${values.format}`);
          const r = await backupDatabase(database, out);
          log(`backup written: ${out} (${database.kind}; ${Object.values(r.tables).reduce((a, b) => a + b, 0)} rows in ${Object.keys(r.tables).length} tables; migrations ${Object.entries(r.header.migrations).map(([k, m]) => `${k} ${m.length}`).join(', ')})`);
          return 0;
        }
        const snapshot = positionals[1];
        if (!snapshot) {
          process.stderr.write('用法 / usage: gongzhi restore FILE [--force]\n');
          return 2;
        }
        try {
          if (isPgDumpArchive(snapshot)) await pgRestore(database, databaseUrl ?? '', snapshot, { plugins: config.plugins, force: values.force, log });
          else await restoreDatabase(database, snapshot, { plugins: config.plugins, force: values.force, log });
        } catch (e) {
          if (e instanceof RestoreError) {
            process.stderr.write(`error: ${e.message}\n`);
            return 1;
          }
          throw e;
        }
        return 0;
      } finally {
        await database.close();
      }
    }
    case 'serve': {
      const started = Date.now();
      const booted = await boot({ config, baseDir: dir, databaseUrl, dataDir: values['data-dir'], demo: values.demo, log });
      const port = values.port ? Number(values.port) : Number(process.env.PORT ?? config.server.port);
      const { url } = await booted.app.listen(port, config.server.host);
      // One write, so a reader of the output (a supervisor, a test) sees the whole banner at once.
      const banner = [
        `\n共治 Gongzhi is ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${booted.database.kind}${databaseUrl ? '' : `, data in ${values['data-dir'] ?? path.resolve(dir, config.database.dataDir)}`})`,
        `  GraphQL:  ${url}`,
        `  GraphiQL: ${url.replace(/\/graphql$/, '/graphiql')}`,
        `  Dashboard: ${url.replace(/\/graphql$/, '/dashboard/')}`,
        `  Health:   ${url.replace(/\/graphql$/, '/health')}`,
        `  Ready:    ${url.replace(/\/graphql$/, '/ready')}`,
        `  Mode:     ${booted.production ? 'production' : values.demo ? 'demo' : 'development'}`,
      ];
      // The demo token is printed only for a server on loopback, as GraphiQL only shows it there.
      if (booted.demoToken && ['127.0.0.1', '::1', 'localhost'].includes(config.server.host))
        banner.push(`\nDemo token (admin + pii over ${config.localities.filter((l) => l.code.endsWith('0000')).map((l) => l.code).join(', ')}; ${config.auth.maxTokenLifetime}):\n  Authorization: Bearer ${booted.demoToken}\n`);
      console.log(banner.join('\n'));
      // SIGTERM (an orchestrator, npm start's child, npx) and SIGINT (Ctrl-C): stop taking requests,
      // let those in flight finish (at most 10 s), close the pool, exit 0. A terminal's Ctrl-C reaches
      // both a wrapper (npx, npm, tsx) and this process, so a repeated signal is not a second request.
      let stopping = false;
      const shutdown = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        log(`${signal}: draining requests, then closing the database`);
        try {
          booted.backups?.stop();
          await booted.app.stop(10_000);
          await booted.database.close();
          await booted.tracing?.shutdown(); // send the spans still buffered
          log('stopped');
          process.exit(0);
        } catch (e) {
          console.error(`gongzhi: stop failed: ${(e as Error).message}`);
          process.exit(1);
        }
      };
      process.on('SIGINT', () => void shutdown('SIGINT'));
      process.on('SIGTERM', () => void shutdown('SIGTERM'));
      return -1; // keep running
    }
    default:
      process.stderr.write(`unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

/** The workspace root: the nearest folder up from here whose package.json declares workspaces. */
function workspaceRoot(from: string): string {
  for (let d = path.resolve(from); ; d = path.dirname(d)) {
    const pkg = path.join(d, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).workspaces) return d;
    if (path.dirname(d) === d) throw new ScaffoldError(`no npm workspace above ${from}: pass --dir`);
  }
}

function pluginCommand(args: string[], dirOption: string | undefined): number {
  const [sub, id] = args;
  if (sub !== 'new' || !id) {
    process.stderr.write('usage: gongzhi plugin new <id> [--dir DIR]\n');
    return 2;
  }
  const pluginsDir = dirOption ? path.resolve(dirOption) : path.join(workspaceRoot(process.cwd()), 'plugins');
  const { dir, files } = scaffoldPlugin({ id, pluginsDir, log: (line) => console.log(`[gongzhi] ${line}`) });
  const rel = path.relative(process.cwd(), dir) || dir;
  console.log(`created ${rel}:\n${files.map((f) => `  ${f}`).join('\n')}`);
  console.log(`\nNext: install it in gongzhi.config.ts (import ${id} from '@gongzhi/plugin-${id}'; plugins: [..., ${id}]), run npm install, then (cd ${rel} && npx vitest run).`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e) => {
    if (e instanceof ConfigError || e instanceof DataDirLockedError || e instanceof ScaffoldError) console.error(e.message);
    else console.error(`gongzhi: ${(e as Error).message}`);
    process.exit(1);
  },
);
