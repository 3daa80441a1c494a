import type { Logger } from '../../ports/logger';

/** How long to wait between attempts while the store cannot be reached at start-up. */
export const PREPARE_RETRY_MS = 15_000;

export type StoreState = { ready: true } | { ready: false; since: string; error: unknown };

/**
 * What the store must hold before the bot serves (reference data, demo data), done once. When the first attempt fails
 * and `retry` is on (Cosmos DB signed in with a managed identity, whose role assignment may still be spreading), start-up
 * goes on: the bot serves /healthz, /readyz says why the store is not ready, and the work is tried again until it succeeds.
 */
export class StorePreparation {
  private state: StoreState;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly prepare: () => Promise<void>,
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly retryMs = PREPARE_RETRY_MS,
  ) {
    this.state = { ready: false, since: now().toISOString(), error: new Error('not prepared yet') };
  }

  /** The first attempt; throws its error unless `retry`, in which case it keeps trying in the background. */
  async start(options: { retry: boolean }): Promise<void> {
    const error = await this.attempt();
    if (error === undefined) return;
    if (!options.retry) throw error;
    this.schedule();
  }

  current(): StoreState {
    return this.state;
  }

  /** Stops retrying (shutdown). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async attempt(): Promise<unknown> {
    try {
      await this.prepare();
      this.state = { ready: true };
      return undefined;
    } catch (error) {
      this.state = { ready: false, since: this.state.ready ? this.now().toISOString() : this.state.since, error };
      this.logger.warn({ error: (error as Error)?.name, code: (error as { code?: unknown })?.code }, 'store not ready; trying again');
      return error;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.attempt().then((error) => {
        if (error !== undefined) this.schedule();
        else this.logger.info({}, 'store ready');
      });
    }, this.retryMs);
    this.timer.unref();
  }
}
