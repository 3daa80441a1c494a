import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { AppConfig } from '../../config';
import type { ConversationReferenceJson, DeliveryResult, Sender, SendOptions } from '../../ports/sender';

/** A bearer token for the Bot Connector, or undefined in local mode (no BOT_ID: nothing is signed). */
export type TokenSource = () => Promise<string | undefined>;

/** 403 codes that mean the bot can no longer post in that conversation (docs/design/platform.md). */
const GONE_CODES = new Set(['BotNotInConversationRoster', 'MessageWritesBlocked', 'ConversationBlocked', 'BotDisabledByAdmin']);
/** Codes Teams asks callers to retry (docs/design/platform.md), plus 503 which Azure front doors send when busy. */
const RETRYABLE_STATUSES = new Set([408, 412, 500, 502, 503, 504]);

/** The bot's outbound credentials, as the Teams adapter builds them (app password, single tenant or managed identity). */
export function createTokenSource(bot: AppConfig['bot']): TokenSource {
  if (!bot.appId) return async () => undefined;
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
  });
  const loginEndpoint = `https://login.microsoftonline.com/${bot.appType === 'SingleTenant' && bot.tenantId ? bot.tenantId : 'botframework.com'}`;
  let credentials: Promise<unknown> | undefined;
  return async () => {
    // Created on first use, so a start-up without sends never talks to the identity platform.
    credentials ??= factory.createCredentials(bot.appId, 'https://api.botframework.com', loginEndpoint, true).catch((error: unknown) => {
      credentials = undefined; // try again on the next send
      throw error;
    });
    const source = (await credentials) as { getToken?: (forceRefresh?: boolean) => Promise<string> };
    return source.getToken ? source.getToken() : undefined;
  };
}

/** Retry-After is seconds or an HTTP date; absent or unreadable means "back off a second". */
export function retryAfterMsOf(header: string | null, now: number): number {
  if (!header) return 1_000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : 1_000;
}

/**
 * Posts one activity straight to the Bot Connector (`POST {serviceUrl}/v3/conversations/{id}/activities`) and
 * turns the answer into a DeliveryResult. It goes around the SDK's client on purpose: that client retries 429
 * and 5xx by itself, which would hide throttling from the outbox's pacing and multiply sends. The outbox key
 * travels as `Idempotency-Key`.
 */
export class ConnectorSender implements Sender {
  constructor(
    private readonly token: TokenSource,
    private readonly timeoutMs = 30_000,
  ) {}

  async send(reference: ConversationReferenceJson, activity: Record<string, unknown>, options: SendOptions): Promise<DeliveryResult> {
    const serviceUrl = typeof reference.serviceUrl === 'string' ? reference.serviceUrl : '';
    const conversation = reference.conversation as { id?: string; conversationType?: string } | undefined;
    if (!serviceUrl || !conversation?.id) return { status: 'failed', code: 'REFERENCE_INVALID', retryable: false };
    const url = `${serviceUrl.replace(/\/+$/, '')}/v3/conversations/${encodeURIComponent(conversation.id)}/activities`;
    const body = {
      type: 'message',
      ...activity,
      channelId: reference.channelId ?? 'msteams',
      serviceUrl,
      from: reference.bot,
      conversation: { id: conversation.id },
      ...(reference.user && conversation.conversationType === 'personal' ? { recipient: reference.user } : {}),
    };
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Idempotency-Key': options.idempotencyKey };
    try {
      const token = await this.token();
      if (token) headers.Authorization = `Bearer ${token}`;
    } catch {
      return { status: 'failed', code: 'TOKEN_UNAVAILABLE', retryable: true };
    }
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      return { status: 'failed', code: (error as Error)?.name === 'TimeoutError' ? 'TIMEOUT' : 'NETWORK', retryable: true };
    }
    const text = await response.text().catch(() => '');
    let answer: { id?: string; error?: { code?: string } } = {};
    try {
      answer = text ? (JSON.parse(text) as typeof answer) : {};
    } catch {
      // Not JSON: the status decides.
    }
    if (response.ok) return { status: 'sent', activityId: answer.id ?? '' };
    const code = answer.error?.code ?? `HTTP_${response.status}`;
    if (response.status === 429) return { status: 'throttled', retryAfterMs: retryAfterMsOf(response.headers.get('retry-after'), Date.now()) };
    if (response.status === 404 || (response.status === 403 && GONE_CODES.has(code))) return { status: 'gone', code };
    return { status: 'failed', code, retryable: RETRYABLE_STATUSES.has(response.status) };
  }
}
