import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { get } from 'node:http';
import { dirname, isAbsolute, join } from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from './make-icons';

/**
 * `npm run dev`: the bot in local mode (no authentication, SQLite, demo data) plus the Microsoft 365 Agents
 * Playground pointed at it, so a fresh clone can chat with the bot in a browser with no Azure set-up.
 * startDevEnvironment() is also what the browser test uses.
 */

export type ChildName = 'bot' | 'playground';

export interface ChildExit {
  name: ChildName;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface DevEnvironmentOptions {
  /** Default: PORT from the environment, else 3978. */
  botPort?: number;
  /** The playground's web port (it picks a random one if this is taken). Default 56150. */
  playgroundPort?: number;
  /** The SQLite file; default SQLITE_PATH from the environment, else data/assurance.db (relative to the repository). */
  sqlitePath?: string;
  /** Where the playground writes its log (it defaults to ./devTools/); default data/m365agentsplayground.log. */
  playgroundLogFile?: string;
  /** Variables for both children; default process.env. Local-mode values are forced on top. */
  env?: NodeJS.ProcessEnv;
  /** Let the playground open a browser (off by default: headless machines have none). */
  openBrowser?: boolean;
  /** How long each child may take to answer; generous because the build machines have 2 cores. */
  startTimeoutInMs?: number;
  /** Each line the children print; default: echoed with a [bot] / [playground] prefix. */
  onOutput?: (name: ChildName, line: string) => void;
  root?: string;
}

export interface DevEnvironment {
  /** The bot's base URL; it takes activities at `${botUrl}/api/messages`. */
  botUrl: string;
  /** The playground's web client, to open in a browser. */
  playgroundUrl: string;
  /** Settles when either child exits for any reason (including stop()). */
  exited: Promise<ChildExit>;
  /** Stops both children (SIGTERM, then SIGKILL after a few seconds). Safe to call twice. */
  stop(): Promise<void>;
}

/** Thrown when a child cannot start: the message carries its last lines of output. */
export class DevStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DevStartError';
  }
}

interface Child {
  name: ChildName;
  process: ChildProcess;
  exit: Promise<ChildExit>;
  recent: string[];
}

const RECENT_LINES = 40;

/** The environment the bot runs with in local mode: auth off, loopback only, SQLite and demo data unless set. */
export function localBotEnv(base: NodeJS.ProcessEnv, botPort: number, sqlitePath?: string): NodeJS.ProcessEnv {
  return {
    ...base,
    PORT: String(botPort),
    HOST: '127.0.0.1',
    // The playground sends no token and uses a made-up tenant: authentication and the tenant allow-list stay off.
    BOT_ID: '',
    BOT_PASSWORD: '',
    ALLOWED_TENANT_IDS: '',
    STORE: base.STORE?.trim() || 'sqlite',
    SQLITE_PATH: sqlitePath ?? (base.SQLITE_PATH?.trim() || 'data/assurance.db'),
    DEMO_DATA: base.DEMO_DATA?.trim() || 'true',
    // The playground's user (Alex Wilber) becomes an admin, and the demo data gives them every role to try.
    ADMIN_AAD_OBJECT_IDS: base.ADMIN_AAD_OBJECT_IDS?.trim() || PLAYGROUND_USER_AAD_OBJECT_ID,
  };
}

/** The AAD object id the Agents Playground sends for its signed-in user (not a strict GUID: 13 digits at the end). */
export const PLAYGROUND_USER_AAD_OBJECT_ID = '00000000-0000-0000-0000-0000000000020';

/** Starts the built bot (dist/src/index.js), waits for /readyz, then starts the playground and waits for its page. */
export async function startDevEnvironment(options: DevEnvironmentOptions = {}): Promise<DevEnvironment> {
  const root = options.root ?? repoRoot();
  const base = options.env ?? process.env;
  const botPort = options.botPort ?? (Number(base.PORT?.trim() || 3978) || 3978);
  const playgroundPort = options.playgroundPort ?? 56150;
  const timeout = options.startTimeoutInMs ?? 60_000;
  const onOutput = options.onOutput ?? echo;
  const botEntry = join(root, 'dist', 'src', 'index.js');
  if (!existsSync(botEntry)) {
    throw new DevStartError(`${botEntry} does not exist: build first (npm run build), or use npm run dev, which builds.`);
  }
  const logFile = options.playgroundLogFile ?? join(root, 'data', 'm365agentsplayground.log');
  mkdirSync(dirname(isAbsolute(logFile) ? logFile : join(root, logFile)), { recursive: true });

  const children: Child[] = [];
  const killAll = () => children.forEach((child) => child.process.exitCode === null && child.process.signalCode === null && child.process.kill('SIGKILL'));
  process.on('exit', killAll);
  const stopAll = async () => {
    await Promise.all(children.map(stopChild));
    process.removeListener('exit', killAll);
  };

  try {
    const bot = launch('bot', process.execPath, [botEntry], { cwd: root, env: localBotEnv(base, botPort, options.sqlitePath) }, onOutput);
    children.push(bot);
    const botUrl = `http://127.0.0.1:${botPort}`;
    await waitFor(bot, timeout, `GET ${botUrl}/readyz to answer 200`, async () => (await httpStatus(`${botUrl}/readyz`)) === 200);

    const cli = require.resolve('@microsoft/m365agentsplayground/cli.js', { paths: [root] });
    const args = [cli, '-e', `${botUrl}/api/messages`, '-c', 'msteams', '--disable-telemetry', '-p', String(playgroundPort)];
    const playgroundEnv: NodeJS.ProcessEnv = { ...base, M365_AGENTS_PLAYGROUND_LOGFILE: logFile };
    // The playground opens a browser unless TEAMSAPPTESTER_BROWSER is "none".
    if (!options.openBrowser) playgroundEnv.TEAMSAPPTESTER_BROWSER = 'none';
    let listeningPort: number | undefined;
    const playground = launch('playground', process.execPath, args, { cwd: root, env: playgroundEnv }, (name, line) => {
      const match = /Listening on (\d+)/.exec(line);
      if (match) listeningPort = Number(match[1]);
      onOutput(name, line);
    });
    children.push(playground);
    await waitFor(playground, timeout, 'the playground to serve its page', async () =>
      listeningPort !== undefined && (await httpStatus(`http://127.0.0.1:${listeningPort}/`)) === 200,
    );

    return {
      botUrl,
      playgroundUrl: `http://localhost:${listeningPort}`,
      exited: Promise.race(children.map((child) => child.exit)),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function launch(
  name: ChildName,
  command: string,
  args: string[],
  spawnOptions: { cwd: string; env: NodeJS.ProcessEnv },
  onOutput: (name: ChildName, line: string) => void,
): Child {
  const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      recent.push(line);
      if (recent.length > RECENT_LINES) recent.shift();
      onOutput(name, line);
    });
  }
  const exit = new Promise<ChildExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ name, code, signal }));
    child.once('error', (error) => {
      recent.push(String(error));
      resolve({ name, code: null, signal: null });
    });
  });
  return { name, process: child, exit, recent };
}

async function waitFor(child: Child, timeoutInMs: number, what: string, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutInMs;
  let exited: ChildExit | undefined;
  void child.exit.then((result) => (exited = result));
  while (Date.now() < deadline) {
    if (exited) {
      throw new DevStartError(`The ${child.name} stopped while starting (${describeExit(exited)}). Its last output:\n${child.recent.join('\n')}`);
    }
    if (await ready().catch(() => false)) return;
    await delay(250);
  }
  throw new DevStartError(`Timed out after ${Math.round(timeoutInMs / 1000)} s waiting for ${what}. The ${child.name}'s last output:\n${child.recent.join('\n')}`);
}

async function stopChild(child: Child): Promise<void> {
  const { process: proc } = child;
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const stopped = await Promise.race([
    child.exit.then(() => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 5000))),
  ]);
  clearTimeout(timer);
  if (!stopped) {
    proc.kill('SIGKILL');
    await child.exit;
  }
}

/** The status code of a GET, or 0 if nothing answers. */
export function httpStatus(url: string, timeoutInMs = 2000): Promise<number> {
  return new Promise((resolve) => {
    const request = get(url, { timeout: timeoutInMs, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

function describeExit(exit: ChildExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Default output: the bot's pino JSON shortened to level, message and fields; the playground's lines as they are. */
function echo(name: ChildName, line: string): void {
  const prefix = name === 'bot' ? '[bot]       ' : '[playground]';
  if (name === 'bot' && line.startsWith('{')) {
    try {
      const { level, msg, time: _time, app: _app, pid: _pid, hostname: _hostname, ...fields } = JSON.parse(line) as Record<string, unknown>;
      const levels: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
      const rest = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
      console.log(`${prefix} ${levels[level as number] ?? level} ${msg}${rest}`);
      return;
    } catch {
      // not JSON after all: print it as it is
    }
  }
  console.log(`${prefix} ${line}`);
}

async function main(): Promise<void> {
  const root = repoRoot();
  const envFile = join(root, 'env', '.env.local');
  // Variables already set win: loadEnvFile never overrides them.
  if (existsSync(envFile)) process.loadEnvFile(envFile);

  let environment: DevEnvironment | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // Still starting: exiting runs the 'exit' hook, which kills the children.
    if (!environment) process.exit(code);
    await environment.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    environment = await startDevEnvironment({ openBrowser: process.argv.includes('--open') });
  } catch (error) {
    console.error(error instanceof DevStartError ? error.message : error);
    process.exit(1);
  }
  const botEnv = localBotEnv(process.env, 0);
  console.log('');
  console.log(`Assurance Bot is running in local mode: no authentication, STORE=${botEnv.STORE}, DEMO_DATA=${botEnv.DEMO_DATA}.`);
  console.log(`  Bot:         ${environment.botUrl}/api/messages`);
  console.log(`  Playground:  ${environment.playgroundUrl}   <- open this in a browser`);
  console.log('Then type help in the personal chat (in the group chat or a channel, @mention Test Bot first).');
  console.log('Press Ctrl+C to stop both.');
  console.log('');

  const exit = await environment.exited;
  // Ctrl+C reaches the children too: give our own signal handler the moment it needs to claim the exit.
  await delay(300);
  if (stopping) return;
  console.error(`The ${exit.name} stopped unexpectedly (${describeExit(exit)}); stopping the other.`);
  await shutdown(1);
}

if (require.main === module) {
  void main();
}
