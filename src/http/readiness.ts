import type { StorePreparation } from '../app/setup/prepare-store';
import type { DocumentStore } from '../ports/document-store';
import type { CronTick, TickRunner } from '../scheduler/tick-scheduler';

export interface CheckResult {
  ok: boolean;
  /** In words, for the person reading /readyz or an alert; never a secret or a record's content. */
  detail: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: { store: CheckResult; scheduler: CheckResult };
}

export interface ReadinessDeps {
  store: DocumentStore;
  preparation: StorePreparation;
  /** Whether the in-process cron should be running (JOBS_IN_PROCESS); off means an external timer posts /api/jobs/tick. */
  schedulerInProcess: boolean;
  scheduler: () => CronTick | undefined;
  runner: TickRunner;
  shuttingDown: () => boolean;
}

/**
 * GET /readyz: ready when the store answers (and holds its reference data) and the reminder scheduler is running, or
 * is left to an external timer. Shutting down is never ready, so the load balancer stops sending turns first.
 */
export async function checkReadiness(deps: ReadinessDeps): Promise<ReadinessReport> {
  const [store, scheduler] = [await checkStore(deps), checkScheduler(deps)];
  return { ready: store.ok && scheduler.ok && !deps.shuttingDown(), checks: { store, scheduler } };
}

async function checkStore(deps: ReadinessDeps): Promise<CheckResult> {
  const state = deps.preparation.current();
  if (!state.ready) return { ok: false, detail: `Not ready since ${state.since}: ${storeProblemOf(state.error)}` };
  try {
    await deps.store.ping();
    return { ok: true, detail: 'The store answers.' };
  } catch (error) {
    return { ok: false, detail: storeProblemOf(error) };
  }
}

function checkScheduler(deps: ReadinessDeps): CheckResult {
  const last = deps.runner.lastTick();
  const lastText = last ? ` Last tick ${last.startedAt}: ${last.outcome ?? 'running'} (${last.requestId}).` : ' No tick yet.';
  if (deps.shuttingDown()) return { ok: false, detail: `Shutting down: no new ticks start.${lastText}` };
  if (!deps.schedulerInProcess) return { ok: true, detail: `In-process scheduler off (JOBS_IN_PROCESS=false): an external timer posts /api/jobs/tick.${lastText}` };
  const cron = deps.scheduler();
  if (!cron) return { ok: false, detail: 'The reminder scheduler has not started.' };
  const status = cron.status();
  if (!status.running) return { ok: false, detail: `The reminder scheduler has stopped.${lastText}` };
  return { ok: true, detail: `Next tick ${status.nextRun}.${lastText}` };
}

/** Why the store is not ready, in words an operator can act on; built from status codes and error names only. */
export function storeProblemOf(error: unknown): string {
  const { name, code } = (error ?? {}) as { name?: string; code?: unknown };
  if (name === 'CredentialUnavailableError') return 'No managed identity token: check AZURE_CLIENT_ID and the identity attached to the app.';
  if (name === 'AuthenticationError' || name === 'AggregateAuthenticationError') return 'Signing in with the managed identity failed.';
  if (code === 401) return 'Cosmos DB refused the sign-in (401).';
  if (code === 403) return 'Cosmos DB refused the identity (403): is the data-plane role assigned to it (infra/main.bicep)? New assignments can take a few minutes.';
  if (code === 404) return 'The Cosmos DB database or container does not exist: deploy infra/main.bicep, which creates them.';
  if (code === 429) return 'Cosmos DB is throttling requests (429).';
  if (name === 'SqliteError') return `SQLite could not be used (${(error as { code?: string }).code ?? 'error'}).`;
  return `The store is not reachable (${name ?? 'error'}${typeof code === 'number' || typeof code === 'string' ? ` ${code}` : ''}).`;
}
