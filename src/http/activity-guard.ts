/** Largest body /api/messages accepts; Teams messages are far smaller (about 100 KB at most). */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

export type GuardResult = { ok: true; activity: Record<string, unknown> } | { ok: false; status: number; reason: string };

/**
 * Checks an inbound activity before the Bot Framework adapter sees it: without `serviceUrl` the SDK hangs
 * retrying a public host, and without `type` or `conversation` it answers 500 (docs/design/platform.md).
 */
export function checkActivity(raw: string): GuardResult {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { ok: false, status: 400, reason: 'The body is not valid JSON.' };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, status: 400, reason: 'The body must be a JSON object (a Bot Framework activity).' };
  }
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || !activity.type.trim()) {
    return { ok: false, status: 400, reason: 'The activity has no "type".' };
  }
  const conversation = activity.conversation as { id?: unknown } | undefined;
  if (!conversation || typeof conversation !== 'object' || typeof conversation.id !== 'string' || !conversation.id) {
    return { ok: false, status: 400, reason: 'The activity has no "conversation" with an "id".' };
  }
  if (typeof activity.serviceUrl !== 'string' || !isHttpUrl(activity.serviceUrl)) {
    return { ok: false, status: 400, reason: 'The activity has no "serviceUrl" (an http or https URL).' };
  }
  return { ok: true, activity };
}

/** The tenant an activity comes from, as Teams sends it. */
export function tenantOf(activity: Record<string, unknown>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const conversation = activity.conversation as { tenantId?: unknown } | undefined;
  const tenant = channelData?.tenant?.id ?? conversation?.tenantId;
  return typeof tenant === 'string' ? tenant : undefined;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
