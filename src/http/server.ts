import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import restify from 'restify';
import type { Request, Response } from 'restify';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { TickResult } from '../app/run-reminder-tick';
import type { DocumentStore } from '../ports/document-store';
import type { Logger } from '../ports/logger';
import { newRequestId, runWithRequestId } from '../adapters/system/request-context';
import { checkActivity, MAX_ACTIVITY_BYTES, tenantOf } from './activity-guard';
import type { ReadinessReport } from './readiness';

export interface ServerDeps {
  adapter: TeamsAdapter;
  /** Runs one turn: the bot application. */
  runTurn: (context: TurnContext) => Promise<void>;
  store: DocumentStore;
  logger: Logger;
  authEnabled: boolean;
  allowedTenantIds: readonly string[];
  /** The scheduler's HTTP trigger (for an external timer); off without a secret. */
  jobs?: { secret?: string; runTick: () => Promise<TickResult> };
  /** GET /readyz; without it, readiness is the store's ping alone. */
  readiness?: () => Promise<ReadinessReport>;
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
    if (deps.authEnabled && !/^Bearer\s+\S+/i.test(req.header('authorization') ?? '')) {
      return refuse(401, 'A Bot Framework token is required (Authorization: Bearer ...).');
    }
    if (deps.allowedTenantIds.length > 0) {
      const tenant = tenantOf(checked.activity);
      if (!tenant || !deps.allowedTenantIds.includes(tenant)) return refuse(403, 'This tenant is not allowed to use this bot.');
    }
    (req as Request & { body: unknown }).body = checked.activity;
    // One request id per turn: every log line of the turn carries it, and the response names it for support.
    const requestId = newRequestId('turn');
    res.header('x-request-id', requestId);
    await runWithRequestId(requestId, async () => {
      const started = Date.now();
      await deps.adapter.process(req, res, deps.runTurn);
      deps.logger.info({ type: String(checked.activity.type).slice(0, 40), status: res.statusCode, ms: Date.now() - started }, 'turn done');
    });
  });

  server.post('/api/jobs/tick', async (req: Request, res: Response) => {
    req.resume();
    const secret = deps.jobs?.secret;
    if (!deps.jobs || !secret) {
      res.send(404, { error: 'The jobs endpoint is off: set JOBS_SECRET to use it.' });
      return;
    }
    const given = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '')?.[1];
    if (!given || !sameSecret(given, secret)) {
      deps.logger.info({ status: 401, path: '/api/jobs/tick' }, 'request refused');
      res.send(401, { error: 'Send the jobs secret as Authorization: Bearer <JOBS_SECRET>.' });
      return;
    }
    try {
      const result = await deps.jobs.runTick();
      if (!result.ran) res.send(409, { status: 'skipped', reason: result.reason });
      else res.send(200, { status: 'done', queue: result.queue, delivery: result.delivery });
    } catch (error) {
      deps.logger.error({ error: (error as Error).name, path: '/api/jobs/tick' }, 'tick failed');
      res.send(500, { error: 'The tick failed; see the logs.' });
    }
  });

  return server;
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
