import { Cron } from 'croner';
import type { TickResult } from '../app/reminders/run-reminder-tick';
import type { Logger } from '../ports/logger';

/** The in-process trigger: croner on London time, never overlapping itself; failures are logged, not thrown. */
export function startCronTick(cron: string, tick: () => Promise<TickResult>, logger: Logger): { stop(): void } {
  const job = new Cron(cron, { timezone: 'Europe/London', protect: true }, async () => {
    try {
      await tick();
    } catch (error) {
      logger.error({ error: (error as Error).name }, 'scheduled tick failed');
    }
  });
  logger.info({ cron, next: job.nextRun()?.toISOString() }, 'reminder scheduler started');
  return { stop: () => job.stop() };
}
