import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import restify from 'restify';
import type { Request, Response } from 'restify';
import type { TickJobs } from '../app/reminders/tick-jobs';
import type { DocumentStore } from '../ports/document-store';
import type { Logger } from '../ports/logger';
import { checkActivity, MAX_ACTIVITY_BYTES, tenantsNamedIn } from './activity-guard';
import type { ReadinessReport } from './readiness';

/** A request whose token has been checked: the token's claims (and what the adapter keeps to run the turn). */
export interface AuthenticatedRequest {
  claims: readonly { type: string; value: string }[];
}

/** What the adapter answers an invoke with (the HTTP status and body); undefined for other activities. */
export type TurnResponse = { status: number; body?: unknown } | undefined;

/**
 * The Bot Framework adapter as the host uses it: check the token, then run the bot's turn (compose.ts binds the
 * bot), so the server needs no SDK type.
 */
export interface InboundAdapter {
  authenticate(activity: Record<string, unknown>, authHeader: string): Promise<AuthenticatedRequest>;
  run(request: AuthenticatedRequest, activity: Record<string, unknown>): Promise<TurnResponse>;
}

/** Names a unit of work (a turn) and runs it so that its log lines carry the name. */
export interface RequestIds {
  next(kind: 'turn'): string;
  run<T>(requestId: string, work: () => Promise<T>): Promise<T>;
}

const PLAIN_REQUEST_IDS: RequestIds = { next: (kind) => `${kind}-${randomUUID()}`, run: (_requestId, work) => work() };

/** How long the token check may take (fetching Microsoft's signing keys included) before the request is refused. */
export const AUTHENTICATION_BUDGET_MS = 5_000;

class AuthenticationTimeout extends Error {
  override name = 'AuthenticationTimeout';
}

export interface ServerDeps {
  adapter: InboundAdapter;
  store: DocumentStore;
  logger: Logger;
  authEnabled: boolean;
  allowedTenantIds: readonly string[];
  /** The scheduler's HTTP trigger (for an external timer); off without a secret. */
  jobs?: { secret?: string; ticks: Pick<TickJobs, 'start' | 'status'> };
  /** GET /readyz; without it, readiness is the store's ping alone. */
  readiness?: () => Promise<ReadinessReport>;
  /** Request ids for the logs (compose passes the process's async context); plain ids and no context when left out. */
  requestIds?: RequestIds;
}

class BodyTooLargeError extends Error {}

/** Builds the HTTP server without listening: index.ts and the e2e tests call listen(). */
export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'assurance-bot', handleUncaughtExceptions: false });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const report = deps.readiness ? await deps.readiness() : await pingOnly(deps.store);
    if (!report.ready) deps.logger.warn({ store: report.checks.store.ok, scheduler: report.checks.scheduler.ok }, 'not ready');
    res.send(report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'unavailable', checks: report.checks });
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    const refuse = (status: number, reason: string) => {
      deps.logger.info({ status, path: '/api/messages' }, 'request refused');
      res.send(status, { error: reason });
    };
    let raw: string;
    try {
      raw = await readBody(req, MAX_ACTIVITY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return refuse(413, `The body is larger than ${MAX_ACTIVITY_BYTES / 1024} KB.`);
      return refuse(400, 'The body could not be read.');
    }
    const checked = checkActivity(raw);
    if (!checked.ok) return refuse(checked.status, checked.reason);
    // Authentication first: an unauthenticated caller learns nothing about which tenants are allowed.
    const authHeader = req.header('authorization') ?? '';
    if (deps.authEnabled && !/^Bearer\s+\S+/i.test(authHeader)) {
      return refuse(401, 'A Bot Framework token is required (Authorization: Bearer ...).');
    }
    let authenticated: AuthenticatedRequest;
    try {
      authenticated = await withinBudget(deps.adapter.authenticate(checked.activity, authHeader), AUTHENTICATION_BUDGET_MS);
    } catch (error) {
      // A forged or expired token, or signing keys that cannot be fetched: 401 either way; the cause goes to the log only.
      deps.logger.warn({ status: 401, path: '/api/messages', error: (error as Error).name, code: (error as { code?: unknown }).code }, 'token refused');
      return refuse(401, 'The request is not authorised: send a valid Bot Framework token.');
    }
    // Then the tenant, from the token's claims and the conversation together: every tenant named must be allowed.
    const tenants = tenantsOf(authenticated, checked.activity);
    if (new Set(tenants).size > 1) return refuse(403, 'The activity names more than one tenant.');
    if (deps.allowedTenantIds.length > 0 && (tenants.length === 0 || !tenants.every((tenant) => deps.allowedTenantIds.includes(tenant)))) {
      return refuse(403, 'This tenant is not allowed to use this bot.');
    }
    // One request id per turn: every log line of the turn carries it, and the response names it for support.
    const requestIds = deps.requestIds ?? PLAIN_REQUEST_IDS;
    const requestId = requestIds.next('turn');
    res.header('x-request-id', requestId);
    const started = Date.now();
    try {
      const response = await requestIds.run(requestId, () => deps.adapter.run(authenticated, checked.activity));
      deps.logger.info({ requestId, type: String(checked.activity.type).slice(0, 40), status: response?.status ?? 200, ms: Date.now() - started }, 'turn done');
      res.header('Content-Type', 'application/json');
      res.send(response?.status ?? 200, response?.body);
    } catch (error) {
      // No internal error reaches a response body.
      deps.logger.error({ status: 500, path: '/api/messages', error: (error as Error).name }, 'turn failed');
      res.send(500, { error: 'The bot could not process this activity; see the logs.' });
    }
  });

  /** The jobs secret check shared by both jobs routes: undefined when allowed, else the refusal sent. */
  const refuseJobs = (req: Request, res: Response, path: string): boolean => {
    const secret = deps.jobs?.secret;
    if (!deps.jobs || !secret) {
      res.send(404, { error: 'The jobs endpoint is off: set JOBS_SECRET to use it.' });
      return true;
    }
    const given = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '')?.[1];
    if (!given || !sameSecret(given, secret)) {
      deps.logger.info({ status: 401, path }, 'request refused');
      res.send(401, { error: 'Send the jobs secret as Authorization: Bearer <JOBS_SECRET>.' });
      return true;
    }
    return false;
  };

  // Starts a tick and answers at once (202, with its id); the tick goes on in the background.
  server.post('/api/jobs/tick', async (req: Request, res: Response) => {
    req.resume();
    if (refuseJobs(req, res, '/api/jobs/tick') || !deps.jobs) return;
    try {
      const { joined, status } = await deps.jobs.ticks.start();
      if (status.state === 'skipped') res.send(409, { status: 'skipped', reason: 'LEASE_HELD' });
      else res.send(202, { status: joined ? 'joined' : 'started', tickId: status.tickId, statusUrl: `/api/jobs/tick/${status.tickId}` });
    } catch (error) {
      deps.logger.error({ error: (error as Error).name, path: '/api/jobs/tick' }, 'tick failed to start');
      res.send(500, { error: 'The tick failed to start; see the logs.' });
    }
  });

  server.get('/api/jobs/tick/:tickId', async (req: Request, res: Response) => {
    if (refuseJobs(req, res, '/api/jobs/tick/:tickId') || !deps.jobs) return;
    const status = deps.jobs.ticks.status(String(req.params.tickId ?? ''));
    if (!status) res.send(404, { error: 'No tick with that id on this instance.' });
    else res.send(200, status);
  });

  return server;
}

/** Tenant ids from the token (`tid`) and from the activity (conversation and channel data), lower-cased. */
function tenantsOf(authenticated: AuthenticatedRequest, activity: Record<string, unknown>): string[] {
  const fromToken = authenticated.claims.filter((claim) => claim.type === 'tid').map((claim) => claim.value);
  return [...fromToken, ...tenantsNamedIn(activity)].map((tenant) => tenant.toLowerCase());
}

function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AuthenticationTimeout('authentication took too long')), budgetMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function pingOnly(store: DocumentStore): Promise<ReadinessReport> {
  const scheduler = { ok: true, detail: 'Not checked.' };
  try {
    await store.ping();
    return { ready: true, checks: { store: { ok: true, detail: 'The store answers.' }, scheduler } };
  } catch (error) {
    return { ready: false, checks: { store: { ok: false, detail: `The store is not reachable (${(error as Error).name}).` }, scheduler } };
  }
}

/** Compares secrets in constant time: hashing first makes the lengths equal, so neither length nor content leaks. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Reads the raw body with a size cap, so an oversized request is refused rather than buffered. */
function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    req.resume();
    return Promise.reject(new BodyTooLargeError());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
