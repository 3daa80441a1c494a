import { randomUUID } from 'node:crypto';
import type { Clock } from '../../ports/clock';
import { emptyDrainResult, type TickProgress, type TickResult } from './run-reminder-tick';

/** What `GET /api/jobs/tick/<id>` reports about a tick. */
export interface TickStatus {
  tickId: string;
  /** running: queueing and sending; done; skipped: another instance held the lease; failed: see the logs. */
  state: 'running' | 'done' | 'skipped' | 'failed';
  startedAt: string;
  finishedAt?: string;
  /** Milliseconds from the start until every digest was queued. */
  queuedInMs?: number;
  /** Recipients with something to hear today. */
  recipients: number;
  /** Digest messages queued by this tick. */
  queued: number;
  sent: number;
  /** Queued and not yet sent, failed or rerouted (retries included). */
  pending: number;
  /** Dead-lettered by this tick's sends, plus recipients nobody could be routed to. */
  failed: number;
  /** Sends that found the conversation gone (each rerouted to the fallback). */
  gone: number;
}

/** Ticks kept for status requests after they finish. */
const KEEP = 50;

interface Job {
  id: string;
  startedAt: string;
  startedMs: number;
  progress: TickProgress;
  state: TickStatus['state'];
  finishedAt?: string;
  result: Promise<TickResult>;
}

/**
 * The ticks of this instance: one runs at a time (a second request joins it), each has an id to ask about, and
 * starting one answers as soon as the lease is decided while the tick goes on in the background.
 */
export class TickJobs {
  private current: Job | undefined;
  private readonly finished = new Map<string, Job>();

  constructor(
    /** Runs one tick; `tickId` names it in the logs (compose runs each tick under the request id `tick-<id>`). */
    private readonly run: (progress: TickProgress, tickId: string) => Promise<TickResult>,
    private readonly clock: Clock,
  ) {}

  /** How the latest tick went (the running one, else the last finished), for /readyz. */
  lastTick(): { requestId: string; startedAt: string; finishedAt?: string; outcome?: 'done' | 'skipped' | 'failed' } | undefined {
    const job = this.current ?? [...this.finished.values()].pop();
    if (!job) return undefined;
    return { requestId: `tick-${job.id}`, startedAt: job.startedAt, ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}), ...(job.state === 'running' ? {} : { outcome: job.state }) };
  }

  /** Settles once no tick runs here (graceful shutdown waits for it). */
  async idle(): Promise<void> {
    await this.current?.result.catch(() => undefined);
  }

  /** Starts a tick (or joins the running one) and resolves once the lease is decided. */
  async start(): Promise<{ joined: boolean; status: TickStatus }> {
    if (this.current) return { joined: true, status: this.statusOf(this.current) };
    const { job, decided } = this.begin();
    await decided;
    return { joined: false, status: this.statusOf(job) };
  }

  /** Starts (or joins) a tick and waits for its result: the in-process cron and tests. */
  runToEnd(): Promise<TickResult> {
    return (this.current ?? this.begin().job).result;
  }

  private begin(): { job: Job; decided: Promise<boolean> } {
    let decide: (running: boolean) => void = () => undefined;
    const decided = new Promise<boolean>((resolve) => (decide = resolve));
    const progress: TickProgress = { delivery: emptyDrainResult() };
    const now = this.clock.now();
    const job: Job = { id: randomUUID(), startedAt: now.toISOString(), startedMs: Date.now(), progress, state: 'running', result: Promise.resolve({ ran: false, reason: 'LEASE_HELD' }) };
    progress.leaseDecided = (running) => {
      if (!running) job.state = 'skipped';
      decide(running);
    };
    this.current = job;
    job.result = this.run(progress, job.id)
      .then((result) => {
        job.state = result.ran ? 'done' : 'skipped';
        return result;
      })
      .catch((error: unknown) => {
        job.state = 'failed';
        throw error;
      })
      .finally(() => {
        decide(false);
        job.finishedAt = this.clock.now().toISOString();
        this.current = undefined;
        this.finished.set(job.id, job);
        for (const id of [...this.finished.keys()].slice(0, Math.max(0, this.finished.size - KEEP))) this.finished.delete(id);
      });
    job.result.catch(() => undefined); // reported through the status; runToEnd's caller sees it too
    return { job, decided };
  }

  status(id: string): TickStatus | undefined {
    const job = this.current?.id === id ? this.current : this.finished.get(id);
    return job ? this.statusOf(job) : undefined;
  }

  private statusOf(job: Job): TickStatus {
    const { queue, delivery } = job.progress;
    const queued = queue?.queued ?? 0;
    const unroutable = queue?.unroutable ?? 0;
    return {
      tickId: job.id,
      state: job.state,
      startedAt: job.startedAt,
      ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
      ...(job.progress.queuedAtMs !== undefined ? { queuedInMs: job.progress.queuedAtMs - job.startedMs } : {}),
      recipients: queue?.recipients ?? 0,
      queued,
      sent: delivery.sent,
      pending: Math.max(0, queued - unroutable - delivery.sent - delivery.dead - delivery.gone),
      failed: delivery.dead + unroutable,
      gone: delivery.gone,
    };
  }
}
