import { spawn, type ChildProcess } from 'node:child_process';

/** A Gongzhi started as an operator starts it (the bin, or node on the built CLI), in its own process. */
export interface StartedProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port>, from the banner (the server may listen on 0.0.0.0). */
  base: string;
  /** The demo token the banner prints, or null (production prints none). */
  token: string | null;
  /** Everything the process has printed so far. */
  output(): string;
  /** SIGTERM, and a moment for it to drain. */
  stop(): Promise<void>;
}

/**
 * Start `command args` and wait for its banner: one write with the GraphQL URL, ending with the Mode
 * line (and the demo token where there is one). Rejects with what it printed when it exits first or
 * takes longer than `timeoutMs`.
 */
export function startProcess(command: string, args: readonly string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<StartedProcess> {
  const child = spawn(command, [...args], { cwd: opts.cwd, env: opts.env });
  let output = '';
  return new Promise<StartedProcess>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), opts.timeoutMs ?? 90_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const url = /GraphQL:\s+http:\/\/[^:\s]+:(\d+)\/graphql/.exec(output);
      if (!url || !/Mode:\s+\w+/.test(output)) return;
      clearTimeout(timer);
      resolve({
        child,
        base: `http://127.0.0.1:${url[1]}`,
        token: /Authorization: Bearer (\S+)/.exec(output)?.[1] ?? null,
        output: () => output,
        async stop() {
          child.kill('SIGTERM');
          await new Promise((r) => setTimeout(r, 500));
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
