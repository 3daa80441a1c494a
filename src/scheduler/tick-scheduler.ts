import { Cron } from 'croner';
import type { TickResult } from '../app/reminders/run-reminder-tick';
import type { Logger } from '../ports/logger';

/** What the last tick did, for /readyz and the logs. */
export interface LastTick {
  requestId: string;
  startedAt: string;
  finishedAt?: string;
  outcome?: 'done' | 'skipped' | 'failed';
}

/** What readiness and shutdown need of the ticks (TickJobs): how the last one went, and a wait for the running one. */
export interface TickRunner {
  lastTick(): LastTick | undefined;
  idle(): Promise<void>;
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
