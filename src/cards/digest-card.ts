import type { DigestItem, RecipientDigest } from '../app/reminders/build-digests';
import { dayText, lineCount, topItems } from '../app/reminders/build-digests';
import type { DigestCardInput, RenderDigest } from '../app/reminders/queue-digests';
import { cardBytes, CardRenderer, MAX_CARD_BYTES } from './render';
import { groupBy } from '../domain/group-by';

/** Most lines a digest lists before "and N more": a morning's reading, not a report. */
const MAX_LINES = 20;
/** Room kept under the 28 KB limit for the activity around the card. */
const BUDGET_BYTES = MAX_CARD_BYTES - 1024;
/** 12-month answer forms on one card (each holds three inputs per action). */
const MAX_ASSURANCE_FORMS = 2;
/** Forwarded digests shown on one card; the rest are counted. */
const MAX_FORWARDED_PARTS = 8;

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "3 of your actions, 40 of your agency's overdue actions": every section's full count, whatever the card shows. */
function countsText(digest: RecipientDigest): string {
  const parts = [...digest.totals.entries()].map(([section, count]) => `${section} ${count}`);
  return parts.length ? `Today: ${parts.join(' · ')}.` : '';
}

interface Section {
  name: string;
  lines: { title: string; detail: string }[];
  more: string;
  command: string;
  button: string;
}

/** The first `limit` lines, grouped under their sections in order of their most urgent line, each with its full count. */
function sectionsOf(digest: RecipientDigest, limit: number): { sections: Section[]; shown: DigestItem[] } {
  const shown = topItems(digest, limit);
  const bySection = groupBy(shown, (item) => item.section);
  for (const section of digest.totals.keys()) if (!bySection.has(section)) bySection.set(section, []);
  const sections = [...bySection.entries()].map(([name, items]): Section => {
    const total = digest.totals.get(name) ?? items.length;
    const more = total - items.length;
    const command = digest.commands.get(name) ?? '';
    return {
      name: `${name} (${total})`,
      lines: items.map((item) => ({ title: item.title, detail: item.detail ?? '' })),
      more: more > 0 ? `...and ${more} more.` : '',
      command,
      button: more > 0 ? `Open all ${total}` : 'Open the list',
    };
  });
  return { sections, shown };
}

function partOf(digest: RecipientDigest, limit: number, forwarded: boolean) {
  const { sections, shown } = sectionsOf(digest, limit);
  const intro = [...digest.intro, countsText(digest)].filter(Boolean).join(' ');
  return {
    part: {
      title: forwarded ? `Forwarded here: the bot could not reach ${digest.name} in Teams. Please pass this on.` : '',
      intro,
      sections,
    },
    shown,
  };
}

function controlsOf(main: RecipientDigest | undefined, shown: DigestItem[], input: DigestCardInput) {
  const snoozable = shown.filter((item) => item.snooze);
  const own = shown.filter((item) => item.handOverActionId);
  const assurance = shown.filter((item) => item.assurance).slice(0, MAX_ASSURANCE_FORMS);
  const deputies = main?.deputies ?? [];
  return {
    assurance: assurance.map((item) => ({ requestId: item.assurance?.requestId, label: item.assurance?.label, actions: item.assurance?.actions ?? [] })),
    snooze: {
      show: snoozable.length > 0,
      label: `Pick a reminder and a date (actions up to ${dayText(input.snoozeLatest.action)}, 12-month requests up to ${dayText(input.snoozeLatest.assurance)}). Escalations still go ahead.`,
      latest: input.snoozeLatest.assurance,
      choices: snoozable.map((item) => ({ title: item.title.slice(0, 100), value: `${item.snooze?.policy}|${item.snooze?.subjectId}` })),
    },
    handover: {
      show: own.length > 0 && deputies.length > 0,
      actions: own.map((item) => ({ title: item.title.slice(0, 100), value: item.handOverActionId })),
      deputies: deputies.map((deputy) => ({ title: deputy.name, value: deputy.id })),
    },
  };
}

/** Data JSON plus the template's own markup stays under this: the card is expanded only when it is sent. */
const DATA_BUDGET_BYTES = BUDGET_BYTES - 6 * 1024;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * The template data of the card for everything a conversation hears from a tick: the recipient's own digest and
 * any forwarded from people who could not be reached. Lines are cut once, here: the most urgent lines that fit
 * (at most 20), every section with its full count and the command that opens its full list.
 */
export function digestCardData(input: DigestCardInput): Record<string, unknown> {
  const shownForwarded = input.forwarded.slice(0, MAX_FORWARDED_PARTS);
  const parts = [...(input.main ? [{ digest: input.main, forwarded: false }] : []), ...shownForwarded.map((digest) => ({ digest, forwarded: true }))];
  const heading = input.main ? `Reminders for ${input.main.name}, ${dayText(input.day)}` : `Forwarded reminders, ${dayText(input.day)}`;
  const urgent = parts.some(({ digest }) => topItems(digest, 1).some((item) => item.urgency < 0));
  const hidden = input.forwarded.length - shownForwarded.length;
  let limit = MAX_LINES;
  for (;;) {
    const perPart = Math.max(1, Math.floor(limit / parts.length));
    const built = parts.map(({ digest, forwarded }) => partOf(digest, perPart, forwarded));
    if (hidden > 0) built.push({ part: { title: `...and reminders for ${plural(hidden, 'more person')} who could not be reached.`, intro: 'Their agency channel or the business unit can see them with the commands above.', sections: [] }, shown: [] });
    const data = {
      style: urgent ? 'attention' : 'emphasis',
      heading,
      parts: built.map((entry) => entry.part),
      ...controlsOf(input.main, input.main ? built[0].shown : [], input),
    };
    if (Buffer.byteLength(JSON.stringify(data)) <= DATA_BUDGET_BYTES || limit <= 1) return data;
    limit = Math.max(1, Math.floor(limit * 0.7));
  }
}

/** The activity a digest is queued as: a one-line text (shown in notifications) and the card's template data. */
export function createDigestRenderer(): RenderDigest {
  return (input) => {
    const total = [input.main, ...input.forwarded].reduce((sum, digest) => sum + (digest ? lineCount(digest) : 0), 0);
    return { type: 'message', text: `Assurance Bot: ${plural(total, 'thing')} for you today`, cardTemplate: 'digest', cardData: digestCardData(input) };
  };
}

/**
 * Expands a queued activity's card just before it is sent: template expansion costs milliseconds a card, so a tick
 * that queues thousands of digests stores their data and the sender expands each at its paced turn.
 */
export function createPayloadExpander(renderer: CardRenderer): (payload: Record<string, unknown>) => Record<string, unknown> {
  return (payload) => {
    if (typeof payload.cardTemplate !== 'string') return payload;
    const { cardTemplate, cardData, ...activity } = payload;
    const card = renderer.expand(cardTemplate, cardData as object);
    const bytes = cardBytes(card);
    if (bytes > MAX_CARD_BYTES) throw new Error(`Card ${cardTemplate} is ${bytes} bytes, over ${MAX_CARD_BYTES}`);
    return { ...activity, attachments: [{ contentType: ADAPTIVE_CARD, content: card }] };
  };
}
