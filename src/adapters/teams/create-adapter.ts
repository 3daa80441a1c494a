import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult, ConnectorClient, ConnectorFactory } from 'botframework-connector';
import type { AppConfig } from '../../config';

/** How long one call from a turn to the Bot Connector may take before the turn gives up on it. */
export const CONNECTOR_CALL_BUDGET_MS = 8_000;
/** A dropped connection is tried once more after this pause; a timeout is not. */
const RECONNECT_PAUSE_MS = 250;

/** An inbound request whose token has been checked: the token's claims, and what the adapter needs to run the turn. */
export interface AuthenticatedRequest {
  claims: readonly { type: string; value: string }[];
  result: AuthenticateRequestResult;
}

/** What the adapter answers an invoke with (the HTTP status and body); undefined for other activities. */
export type TurnResponse = { status: number; body?: unknown } | undefined;

/** The part of an outgoing connector request the budget sets. */
interface ConnectorRequest {
  timeout: number;
  abortSignal?: AbortSignal;
}
interface PipelinePolicy {
  name: string;
  sendRequest: (request: ConnectorRequest, next: (request: ConnectorRequest) => Promise<unknown>) => Promise<unknown>;
}
interface Pipeline {
  getOrderedPolicies(): PipelinePolicy[];
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: PipelinePolicy): void;
}

/**
 * Replies go to the activity's serviceUrl. The SDK's client retries a failing host for about ten seconds; a turn
 * cannot wait that long, so a connector call gets CONNECTOR_CALL_BUDGET_MS, and a dropped connection one more try.
 */
function boundConnectorClient(client: ConnectorClient, budgetMs: number): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: Pipeline } }).client?.pipeline;
  if (!pipeline) return client;
  for (const policy of pipeline.getOrderedPolicies()) {
    if (/retry/i.test(policy.name)) pipeline.removePolicy({ name: policy.name });
  }
  pipeline.addPolicy(turnBudgetPolicy(budgetMs));
  return client;
}

/**
 * One connector call within `budgetMs`, a dropped connection tried once more inside the same budget. The budget is
 * this policy's own timer, cleared when the call ends: the SDK's HTTP client (@typespec/ts-http-runtime 0.3.6) leaves
 * the timer of `request.timeout` running when a connection fails, which kept a process (a test worker) open for 8 s.
 */
export function turnBudgetPolicy(budgetMs: number, reconnectPauseMs = RECONNECT_PAUSE_MS): PipelinePolicy {
  return {
    name: 'turnBudgetPolicy',
    sendRequest: async (request, next) => {
      const budget = new AbortController();
      const timer = setTimeout(() => budget.abort(), budgetMs);
      const caller = request.abortSignal;
      const onCallerAbort = () => budget.abort();
      caller?.addEventListener('abort', onCallerAbort);
      request.abortSignal = budget.signal;
      request.timeout = 0;
      try {
        try {
          return await next(request);
        } catch (error) {
          // HTTP answers come back as responses here; only network failures throw. An abort has spent the budget.
          if (budget.signal.aborted || (error as { name?: string }).name === 'AbortError') throw error;
          await new Promise((resolve) => setTimeout(resolve, reconnectPauseMs));
          if (budget.signal.aborted) throw error;
          return await next(request);
        }
      } finally {
        clearTimeout(timer);
        caller?.removeEventListener('abort', onCallerAbort);
      }
    },
  };
}

/**
 * The Bot Framework adapter, with the request's authentication split from the turn so that the HTTP host can
 * check the token first, then the tenant from the token's claims, and only then run the turn. With an empty
 * BOT_ID it neither checks inbound tokens nor signs outbound calls (local mode, loopback only).
 */
export class BotAdapter extends TeamsAdapter {
  /** Checks the request's token (Bot Framework or Entra); throws when it is missing, forged, expired or uncheckable. */
  async authenticate(activity: Record<string, unknown>, authHeader: string): Promise<AuthenticatedRequest> {
    const result = await this.botFrameworkAuthentication.authenticateRequest(activity as unknown as Activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return { claims: result.claimsIdentity.claims, result };
    const bounded = {
      create: async (serviceUrl: string, audience?: string) => boundConnectorClient(await factory.create(serviceUrl, audience), CONNECTOR_CALL_BUDGET_MS),
    } as ConnectorFactory;
    return { claims: result.claimsIdentity.claims, result: { ...result, connectorFactory: bounded } };
  }

  /** Runs the turn for an authenticated request; returns the invoke response, if any. */
  async run(request: AuthenticatedRequest, activity: Record<string, unknown>, logic: (context: TurnContext) => Promise<void>): Promise<TurnResponse> {
    const fixed = { ...activity } as Record<string, unknown>;
    // As botbuilder's own validateAndFixActivity: timestamps become Dates, keeping the raw text.
    for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
      const value = fixed[field];
      if (typeof value === 'string') {
        fixed[`raw${field[0].toUpperCase()}${field.slice(1)}`] = value;
        fixed[field] = new Date(value);
      }
    }
    return this.processActivity(request.result, fixed as unknown as Activity, logic);
  }
}

export function createTeamsAdapter(bot: AppConfig['bot']): BotAdapter {
  return new BotAdapter({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
  });
}
