import { Cron } from 'croner';
import { newRequestId, runWithRequestId } from '../adapters/system/request-context';
import type { TickResult } from '../app/run-reminder-tick';
import type { Logger } from '../ports/logger';

/** What the last tick did, for /readyz and the logs. */
export interface LastTick {
  requestId: string;
  startedAt: string;
  finishedAt?: string;
  outcome?: 'done' | 'skipped' | 'failed';
}

/** Runs a tick (joining one already running here); `idle()` settles once no tick runs; `lastTick()` says how the last went. */
export type TickRunner = (() => Promise<TickResult>) & { idle(): Promise<void>; lastTick(): LastTick | undefined };

/**
 * Starts one tick, or joins the one already running in this process (the store lease guards other processes).
 * Each tick runs under a request id of its own (`tick-...`), which every log line of the tick carries.
 */
export function createTickRunner(runTick: () => Promise<TickResult>, now: () => Date = () => new Date()): TickRunner {
  let running: Promise<TickResult> | undefined;
  let last: LastTick | undefined;
  const run = () => {
    if (running) return running;
    const tick: LastTick = { requestId: newRequestId('tick'), startedAt: now().toISOString() };
    last = tick;
    running = runWithRequestId(tick.requestId, runTick)
      .then(
        (result) => {
          tick.outcome = result.ran ? 'done' : 'skipped';
          return result;
        },
        (error: unknown) => {
          tick.outcome = 'failed';
          throw error;
        },
      )
      .finally(() => {
        tick.finishedAt = now().toISOString();
        running = undefined;
      });
    return running;
  };
  return Object.assign(run, {
    idle: async () => {
      await running?.catch(() => undefined);
    },
    lastTick: () => (last ? { ...last } : undefined),
  });
}

export interface CronTick {
  stop(): void;
  /** Running with a next run time, or stopped. */
  status(): { running: boolean; nextRun?: string };
}

/** The in-process trigger: croner on London time, never overlapping itself; failures are logged, not thrown. */
export function startCronTick(cron: string, tick: () => Promise<TickResult>, logger: Logger): CronTick {
  const job = new Cron(cron, { timezone: 'Europe/London', protect: true }, async () => {
    try {
      await tick();
    } catch (error) {
      logger.error({ error: (error as Error).name }, 'scheduled tick failed');
    }
  });
  logger.info({ cron, next: job.nextRun()?.toISOString() }, 'reminder scheduler started');
  return {
    stop: () => job.stop(),
    status: () => {
      const next = job.isStopped() ? null : job.nextRun();
      return next ? { running: true, nextRun: next.toISOString() } : { running: false };
    },
  };
}
