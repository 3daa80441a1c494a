import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { heading, ms, percentile, row } from './stats';

const RUNS = 3;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitReady(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`not ready: ${url}`);
}

function rssInMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Cold start of the built bot (node dist/src/index.js, fresh SQLite file) to /readyz, and idle RSS after it. */
export async function benchStartup(): Promise<void> {
  heading(`Cold start to ready and idle memory (${RUNS} runs, built bot, new SQLite file each run)`);
  const starts: number[] = [];
  const rss: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'assurance-start-'));
    const port = await freePort();
    const started = Date.now();
    const child = spawn(process.execPath, ['dist/src/index.js'], {
      env: { PATH: process.env.PATH, PORT: String(port), SQLITE_PATH: join(dir, 'bot.db'), LOG_LEVEL: 'warn', DEMO_DATA: 'true' },
      stdio: 'ignore',
    });
    try {
      await waitReady(`http://127.0.0.1:${port}/readyz`, started + 30_000);
      starts.push(Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      rss.push(rssInMb(child.pid as number));
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    }
  }
  row('cold start to /readyz 200', `median ${ms(percentile(starts, 50))}`, `runs ${starts.map((value) => `${value} ms`).join(', ')}`);
  row('idle RSS 2 s after ready', `median ${percentile(rss, 50).toFixed(1)} MB`);
}
