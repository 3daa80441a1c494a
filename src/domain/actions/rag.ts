import type { Action } from './action';
import { isOverdue, isOpen } from './action';
import { daysBetween, toLondonDate, type IsoDate } from '../calendar';
import { ValidationError } from '../errors';
import { RAGS, type Rag } from './rag-rating';

/** RAG ratings (docs/design/domain.md §2), always derived unless overridden with a reason. */
export { RAGS, type Rag };

/** RAG thresholds; docs/design/domain.md §8 q3 leaves them to the partnership, so they are settings. */
export interface RagSettings {
  /** AMBER when the target falls within this many days and the action is not complete. */
  amberWithinDays: number;
  /** AMBER when there has been no update for this many days. */
  staleAfterDays: number;
  /** RED when still only AGREED this many days after agreement. */
  notStartedAfterDays: number;
}

/** Defaults from docs/design/domain.md §2 [D]. */
export const DEFAULT_RAG_SETTINGS: Readonly<RagSettings> = Object.freeze({
  amberWithinDays: 30,
  staleAfterDays: 90,
  notStartedAfterDays: 30,
});

/**
 * What a card shows in the RAG place: a rating, or "Withdrawn" for an action withdrawn or superseded. A withdrawn
 * action is no longer rated: it is not Blue (complete), and reports count it apart as withdrawn.
 */
export type RagRating = Rag | 'WITHDRAWN';

/** A rating with the reasons behind it, so a card can say why and not only show a colour. */
export interface RagResult {
  rag: RagRating;
  reasons: string[];
  /** True when a manual override with a reason decided the rating. */
  overridden: boolean;
  /** What the rules give, shown next to an override. */
  derivedRag: RagRating;
}

/** The fields the rating reads. */
export type RagInput = Pick<
  Action,
  'status' | 'currentTargetDate' | 'extensionCount' | 'agreedOn' | 'lastUpdate' | 'createdAt' | 'ragOverride'
>;

const LABELS: Readonly<Record<RagRating, string>> = Object.freeze({
  BLUE: 'Blue – complete',
  GREEN: 'Green – on track',
  AMBER: 'Amber – at risk',
  RED: 'Red – off track',
  WITHDRAWN: 'Withdrawn',
} satisfies Record<RagRating, string>);

/** Worst first, for lists that put what needs attention at the top. */
export const RAG_WORST_FIRST: Readonly<Record<RagRating, number>> = { RED: 0, AMBER: 1, GREEN: 2, BLUE: 3, WITHDRAWN: 4 };

/** RAG is never shown by colour alone (accessibility), so every rating has words. */
export function ragLabel(rag: RagRating): string {
  return LABELS[rag];
}

/** A rated action (not withdrawn or superseded): the only ones a RAG count takes in. */
export function isRated(rating: RagRating): rating is Rag {
  return rating !== 'WITHDRAWN';
}

/** The reason a card prints beside a Red or Amber rating (the first is the weightiest); empty for Green, Blue, Withdrawn. */
export function ragReasonText(result: Pick<RagResult, 'rag' | 'reasons'>): string {
  return result.rag === 'RED' || result.rag === 'AMBER' ? result.reasons.join('; ') : '';
}

/** Parses a rating typed in any case ("red", "Amber"). */
export function parseRag(text: string): Rag {
  const wanted = text.trim().toUpperCase();
  const found = RAGS.find((rag) => rag === wanted);
  if (!found) throw new ValidationError(`Unknown RAG rating. Use one of: ${RAGS.join(', ')}.`, { field: 'rag', allowed: RAGS });
  return found;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** What the rules give, built as the final result: reports rate 70k actions at a time, so no copy per action. */
function derived(rag: RagRating, reasons: string[]): RagResult {
  return { rag, reasons, overridden: false, derivedRag: rag };
}

function derive(action: RagInput, today: IsoDate, settings: RagSettings): RagResult {
  switch (action.status) {
    case 'CLOSED':
      return derived('BLUE', ['Closed']);
    case 'IMPACT_EVIDENCED':
      return derived('BLUE', ['Complete: impact evidenced, awaiting sign-off']);
    case 'WITHDRAWN':
      return derived('WITHDRAWN', ['Withdrawn']);
    case 'SUPERSEDED':
      return derived('WITHDRAWN', ['Superseded']);
    default:
      break;
  }

  const daysToTarget = daysBetween(today, action.currentTargetDate);
  const red: string[] = [];
  if (isOverdue(action, today)) {
    red.push(`Past its target date by ${plural(-daysToTarget, 'day')}`);
  }
  if (action.status === 'AGREED' && action.agreedOn) {
    const sinceAgreed = daysBetween(action.agreedOn, today);
    if (sinceAgreed >= settings.notStartedAfterDays) red.push(`Not started ${plural(sinceAgreed, 'day')} after being agreed`);
  }
  if (red.length > 0) return derived('RED', red);

  const amber: string[] = [];
  if (daysToTarget <= settings.amberWithinDays) {
    amber.push(daysToTarget === 0 ? 'Target date is today' : `Target date is within ${plural(daysToTarget, 'day')}`);
  }
  // Never updated: say so, counting from agreement (or from when it was recorded), so the reason agrees with a
  // "No update yet" beside it instead of claiming an update N days ago.
  const lastTouched = action.lastUpdate?.on ?? action.agreedOn ?? action.createdAt;
  // A date goes straight to daysBetween, which checks it as toLondonDate would (without a regular expression per
  // action); only an instant needs the time zone.
  const sinceUpdate = daysBetween(lastTouched.length === 10 ? lastTouched : toLondonDate(lastTouched), today);
  if (sinceUpdate >= settings.staleAfterDays) {
    const since = action.lastUpdate ? '' : action.agreedOn ? ' since it was agreed' : ' since it was recorded';
    amber.push(action.lastUpdate ? `No update for ${plural(sinceUpdate, 'day')}` : `No update yet, ${plural(sinceUpdate, 'day')}${since}`);
  }
  if (action.extensionCount > 0) amber.push(`Target extended ${action.extensionCount === 1 ? 'once' : `${action.extensionCount} times`}`);
  if (amber.length > 0) return derived('AMBER', amber);

  return derived('GREEN', [`On track: target in ${plural(daysToTarget, 'day')}`]);
}

/**
 * RAG per docs/design/domain.md §2: BLUE closed or complete; RED past target or not started after agreement; AMBER target
 * near, no recent update or target extended; GREEN otherwise. An override with a reason wins on an open action.
 */
export function deriveRag(action: RagInput, today: IsoDate, settings: RagSettings = DEFAULT_RAG_SETTINGS): RagResult {
  const result = derive(action, today, settings);
  const override = action.ragOverride;
  if (override && override.reason.trim().length > 0 && isOpen(action.status)) {
    return {
      rag: override.rag,
      reasons: [`Set manually: ${override.reason.trim()}`, `The rules give ${ragLabel(result.rag)}`],
      overridden: true,
      derivedRag: result.rag,
    };
  }
  return result;
}
