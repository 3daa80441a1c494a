import { z } from 'zod';

/** Largest body /api/messages accepts; Teams messages are far smaller (about 100 KB at most). */
export const MAX_ACTIVITY_BYTES = 256 * 1024;
/** Longest message text accepted: Teams itself stops at about 28 KB. */
export const MAX_TEXT_CHARS = 28 * 1024;

/** Invokes the bot answers: card buttons (Universal Actions) and the file consent card. Any other is refused with 400. */
export const HANDLED_INVOKES = ['adaptiveCard/action', 'fileConsent/invoke'] as const;

export type GuardResult = { ok: true; activity: Record<string, unknown> } | { ok: false; status: number; reason: string };

const id = z.string().max(512);
const shortText = z.string().max(256);
/** Optional fields may come as null from some channels: null is read as absent. */
const optional = <T extends z.ZodTypeAny>(schema: T) => schema.nullish();

const account = z
  .object({ id, name: optional(shortText), aadObjectId: optional(z.string().max(64)), role: optional(z.string().max(32)) })
  .passthrough();

const conversation = z
  .object({
    id: z.string().min(1).max(1024),
    conversationType: optional(z.string().max(32)),
    tenantId: optional(z.string().max(64)),
    isGroup: optional(z.boolean()),
    name: optional(shortText),
  })
  .passthrough();

const idHolder = z.object({ id: optional(id) }).passthrough();
const channelData = z
  .object({ tenant: optional(idHolder), team: optional(idHolder), channel: optional(idHolder), eventType: optional(z.string().max(64)) })
  .passthrough();

const httpUrl = z.string().max(2048).refine((text) => {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
});

/** An Action.Execute press: the verb names the handler; unknown verbs are answered by the bot with an error card. */
const executeValue = z
  .object({
    action: z.object({ type: z.literal('Action.Execute'), verb: z.string().min(1).max(100), data: optional(z.record(z.unknown())) }).passthrough(),
    trigger: optional(z.string().max(32)),
  })
  .passthrough();

const activitySchema = z
  .object({
    type: z.string().trim().min(1).max(64),
    id: optional(id),
    serviceUrl: httpUrl,
    channelId: optional(z.string().max(64)),
    from: account,
    recipient: account,
    conversation,
    channelData: optional(channelData),
    text: optional(z.string().max(MAX_TEXT_CHARS)),
    textFormat: optional(z.string().max(32)),
    value: z.unknown().optional(),
    name: optional(z.string().max(128)),
    action: optional(z.string().max(64)),
    locale: optional(z.string().max(32)),
    replyToId: optional(id),
    timestamp: optional(z.string().max(64)),
    localTimestamp: optional(z.string().max(64)),
    entities: optional(z.array(z.object({ type: z.string().max(64) }).passthrough()).max(50)),
    attachments: optional(z.array(z.object({ contentType: z.string().max(256) }).passthrough()).max(20)),
    membersAdded: optional(z.array(account).max(1000)),
    membersRemoved: optional(z.array(account).max(1000)),
  })
  .passthrough()
  .superRefine((activity, context) => {
    if (activity.type !== 'invoke') {
      if (activity.value !== undefined && activity.value !== null && (typeof activity.value !== 'object' || Array.isArray(activity.value))) {
        context.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: 'must be an object' });
      }
      return;
    }
    if (!activity.name || !(HANDLED_INVOKES as readonly string[]).includes(activity.name)) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ['name'], message: `must be one of ${HANDLED_INVOKES.join(', ')}` });
      return;
    }
    if (activity.name === 'adaptiveCard/action' && !executeValue.safeParse(activity.value).success) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: 'must be an Action.Execute with a verb' });
    }
    if (activity.name === 'fileConsent/invoke' && (typeof activity.value !== 'object' || activity.value === null || Array.isArray(activity.value))) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ['value'], message: 'must be an object' });
    }
  });

/** The reason a field was refused, naming the field and never echoing its value. */
function reasonFor(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue.path.join('.') || 'activity';
  if (field === 'type') return 'The activity has no "type".';
  if (field === 'conversation' || field === 'conversation.id') return 'The activity has no "conversation" with an "id".';
  if (field === 'serviceUrl') return 'The activity has no "serviceUrl" (an http or https URL).';
  if (issue.code === z.ZodIssueCode.too_big) return `The activity's "${field}" is too long.`;
  if (issue.code === z.ZodIssueCode.custom) return `The activity's "${field}" ${issue.message}.`;
  return `The activity's "${field}" is missing or has the wrong type.`;
}

/**
 * Checks an inbound activity's shape before the Bot Framework adapter sees it (zod): the types of from, recipient,
 * conversation, channelData, text, value, entities and the invoke name, with field lengths capped. A bad activity
 * is a 400 with a reason, never a 5xx from deep in the SDK (without serviceUrl the SDK even hangs; docs/design/platform.md).
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
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, reason: reasonFor(parsed.error) };
  // Null optional fields are dropped, so the SDK and the bot read them as absent.
  const activity = Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([, value]) => value !== null));
  return { ok: true, activity };
}

/** Every tenant the activity names (the conversation's and the channel data's), as Teams sends them. */
export function tenantsNamedIn(activity: Record<string, unknown>): string[] {
  const channelData = activity.channelData as { tenant?: { id?: unknown } | null } | undefined;
  const conversation = activity.conversation as { tenantId?: unknown } | undefined;
  return [channelData?.tenant?.id, conversation?.tenantId].filter((tenant): tenant is string => typeof tenant === 'string' && tenant.length > 0);
}
