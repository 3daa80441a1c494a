import { randomUUID } from 'node:crypto';

/** Well-known people and places for tests: AAD object ids are GUIDs as Teams sends them. */
export const PEOPLE = {
  admin: { aadObjectId: '00000000-0000-4000-8000-000000000001', name: 'Ada Admin' },
  chair: { aadObjectId: '00000000-0000-4000-8000-000000000002', name: 'Priya Chair' },
  lsbu: { aadObjectId: '00000000-0000-4000-8000-000000000003', name: 'Lee Business-Unit' },
  policeRep: { aadObjectId: '00000000-0000-4000-8000-000000000004', name: 'Pat Police' },
  healthRep: { aadObjectId: '00000000-0000-4000-8000-000000000005', name: 'Hana Health' },
  stranger: { aadObjectId: '00000000-0000-4000-8000-0000000000ff', name: 'Sam Stranger' },
} as const;

export type Person = { aadObjectId: string; name: string };

export const TENANT_ID = '11111111-2222-4333-8444-555555555555';
export const BOT = { id: '28:assurance-bot', name: 'Assurance Bot' };
export const TEAM_ID = '19:team-general@thread.tacv2';

export interface ActivityOptions {
  serviceUrl?: string;
  scope?: 'personal' | 'groupChat' | 'channel';
  conversationId?: string;
}

function conversationFor(person: Person, options: ActivityOptions) {
  const scope = options.scope ?? 'personal';
  const id = options.conversationId ?? (scope === 'personal' ? `a:personal-${person.aadObjectId}` : scope === 'channel' ? '19:police-channel@thread.tacv2' : '19:group-chat@thread.v2');
  return { id, conversationType: scope, tenantId: TENANT_ID, isGroup: scope !== 'personal' };
}

function base(person: Person, options: ActivityOptions) {
  const scope = options.scope ?? 'personal';
  const conversation = conversationFor(person, options);
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl ?? 'https://smba.example.invalid/uk/',
    timestamp: new Date().toISOString(),
    from: { id: `29:${person.aadObjectId}`, name: person.name, aadObjectId: person.aadObjectId },
    recipient: BOT,
    conversation,
    channelData: {
      tenant: { id: TENANT_ID },
      ...(scope === 'channel' ? { team: { id: TEAM_ID }, channel: { id: conversation.id } } : {}),
    },
    locale: 'en-GB',
  };
}

/** A message as Teams sends it (in channels the bot is mentioned first). */
export function messageActivity(person: Person, text: string, options: ActivityOptions = {}) {
  const mention = options.scope === 'channel' || options.scope === 'groupChat';
  return {
    ...base(person, options),
    type: 'message',
    text: mention ? `<at>${BOT.name}</at> ${text}` : text,
    textFormat: 'plain',
    entities: mention ? [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] : [],
  };
}

/** Teams' installationUpdate when the app is added to or removed from a scope. */
export function installationActivity(person: Person, action: 'add' | 'remove', options: ActivityOptions = {}) {
  return { ...base(person, options), type: 'installationUpdate', action };
}

/** conversationUpdate with the bot added or removed. */
export function botMembershipActivity(person: Person, change: 'added' | 'removed', options: ActivityOptions = {}) {
  return {
    ...base(person, options),
    type: 'conversationUpdate',
    ...(change === 'added' ? { membersAdded: [BOT] } : { membersRemoved: [BOT] }),
  };
}

/** An Action.Execute press on a card (Universal Actions invoke). */
export function executeActivity(person: Person, verb: string, data: Record<string, unknown>, options: ActivityOptions = {}) {
  return {
    ...base(person, options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'card-message-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** An Action.Submit press (older clients): a message whose value carries the verb and inputs. */
export function submitActivity(person: Person, verb: string, data: Record<string, unknown>, options: ActivityOptions = {}) {
  return { ...base(person, options), type: 'message', value: { verb, ...data } };
}
