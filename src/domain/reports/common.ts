import type { ActionStatus } from '../actions/action';
import { toLondonDate, type IsoDate } from '../calendar';
import { type RagInput } from '../actions/rag';
import { ASSURANCE_EVALUATIONS, type AssuranceEvaluation, type AssuranceRequest as ReviewAssuranceRequest } from '../reviews/assurance-request';

/**
 * Plain inputs the report functions read. Reports are pure functions over arrays: the use cases load the records,
 * the functions count them, so both stores give the same answers and tests need no store at all.
 */

/** An agency as reports name it. */
export interface AgencyRef {
  id: string;
  name: string;
  shortName?: string;
}

/** A theme as reports name it. */
export interface ThemeRef {
  id: string;
  name: string;
}

/** A member as reports name them (responsible officers, authors of samples). */
export interface PersonRef {
  id: string;
  name: string;
}

/** A progress record (ProgressUpdate, docs/design/domain.md §3): the history that lets a report say how things stood on a date. */
export interface ProgressInput {
  actionId: string;
  /** ISO instant (or date) of the change. */
  at: string;
  statusAfter: ActionStatus;
  by?: string;
  byName?: string;
  note?: string;
}

/** A PAI meeting: the status report looks at what changed since the last one. */
export interface MeetingInput {
  id: string;
  date: IsoDate;
  type?: string;
}

/** The PAI's decision per theme on the quarterly theme report (docs/design/domain.md §2 AssuranceRoute). */
export const ASSURANCE_ROUTES = ['DIP_SAMPLE_SINGLE_AGENCY_PLANS', 'NEW_AUDIT', 'FOLD_INTO_PLANNED_AUDIT', 'ASSURED_NO_FURTHER_ACTION'] as const;
export type AssuranceRoute = (typeof ASSURANCE_ROUTES)[number];

/** Words for the routes, for cards and files. */
export const ASSURANCE_ROUTE_LABELS: Readonly<Record<AssuranceRoute, string>> = Object.freeze({
  DIP_SAMPLE_SINGLE_AGENCY_PLANS: 'Dip sample single-agency plans',
  NEW_AUDIT: 'New multi-agency audit',
  FOLD_INTO_PLANNED_AUDIT: 'Fold into a planned audit',
  ASSURED_NO_FURTHER_ACTION: 'Assured, no further action',
});

/** One recorded decision (ThemeReport.assurance_decisions, docs/design/domain.md §3); blank until the PAI records it. */
export interface ThemeDecision {
  themeId: string;
  route: AssuranceRoute;
  /** Who takes the route forward (a role or group, not a private individual's details). */
  owner?: string;
  due?: IsoDate;
  note?: string;
  recordedBy: string;
  recordedOn: string;
}

// The PAI's evaluations are the 12-month request's own (domain/assurance-request.ts).
export { ASSURANCE_EVALUATIONS, type AssuranceEvaluation };

/** Words for evaluations. */
export const ASSURANCE_EVALUATION_LABELS: Readonly<Record<AssuranceEvaluation, string>> = Object.freeze({
  ASSURED: 'Assured',
  PARTIAL: 'Partly assured',
  NOT_ASSURED: 'Not assured',
});

/**
 * What the reports read of a 12-month request: the one request model (reviews/assurance-request.ts), with its answer
 * due date always set (the reader works it out for requests written before the date was stored).
 */
export type AssuranceRequest = Pick<ReviewAssuranceRequest, 'id' | 'reviewId' | 'officerId' | 'requestedOn' | 'respondedOn' | 'evaluation'> & { dueOn: IsoDate };

/** Words for action statuses in reports: the same words as the action cards. */
export { ACTION_STATUS_LABELS } from '../actions/action';

/** Looks names up by id; an unknown id shows as itself rather than failing a whole report. */
export function nameIndex<T extends { id: string; name: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

export function nameOf(index: Map<string, { name: string }>, id: string | undefined, missing = 'Not assigned'): string {
  if (!id) return missing;
  return index.get(id)?.name ?? id;
}

// One collator for every comparison: localeCompare with options builds a new one per call, which made sorting the
// 90k rows of a 100k-action status report take seconds. Same ordering (ECMA-402 defines localeCompare through it).
const readingOrder = new Intl.Collator('en', { numeric: true });

/** Sort text as people read it ("A2" before "A10"). */
export function byText(a: string, b: string): number {
  // Equal texts are the usual case in a sort by review, then agency: skip the collator for them.
  return a === b ? 0 : readingOrder.compare(a, b);
}

/**
 * Each distinct text's place in reading order, so a long sort compares numbers: sorting the 70k rows of a 100k-action
 * status report by review label with the collator took most of a second, ranking its 12k labels a tenth of that.
 * Texts the collator holds equal get the same rank, so the order is the one byText gives.
 */
export function readingRanks(texts: Iterable<string>): Map<string, number> {
  return ranksIn(texts, byText);
}

/** Each distinct text's place in code-unit order (ISO dates sort this way), for sorting by numbers as readingRanks does. */
export function codeUnitRanks(texts: Iterable<string>): Map<string, number> {
  return ranksIn(texts, byCodeUnits);
}

function ranksIn(texts: Iterable<string>, compare: (a: string, b: string) => number): Map<string, number> {
  const sorted = [...new Set(texts)].sort(compare);
  const ranks = new Map<string, number>();
  sorted.forEach((text, index) => ranks.set(text, index > 0 && compare(sorted[index - 1], text) === 0 ? (ranks.get(sorted[index - 1]) as number) : index));
  return ranks;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Code-unit order, independent of locale: for ids, where reproducibility matters more than reading order. */
export function byId(a: { id: string }, b: { id: string }): number {
  return byCodeUnits(a.id, b.id);
}

/**
 * The items sorted by a number worked out once per item (a rank, a count of days), then by `tie`; items equal on both
 * keep their order, as Array.prototype.sort would. A comparator that looks ranks up in maps does so twice per
 * comparison, about a million times for the 70k rows of a 100k-action status report.
 */
export function sortedByKey<T>(items: readonly T[], keyOf: (item: T) => number, tie: (a: T, b: T) => number): T[] {
  const keys = items.map(keyOf);
  const order = items.map((_, index) => index);
  order.sort((i, j) => keys[i] - keys[j] || tie(items[i], items[j]) || i - j);
  return order.map((index) => items[index]);
}

/** `compute` run once per distinct key, for texts a report would otherwise build again for every row (review labels). */
export function memoised<K, V>(compute: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      value = compute(key);
      known.set(key, value);
    }
    return value;
  };
}

/**
 * What a report derives from one stored record, kept with the record while everything else it depends on (`context`:
 * the day, the settings, the labels it prints) is unchanged. Only frozen records are kept, because only they cannot
 * change under the key: the SQLite store hands every report the same frozen actions until one is written
 * (adapters/sqlite/projection-cache.ts), so a status report after one update builds one row, not 70,000 at 100k
 * actions. Kept values are frozen too, as every report and snapshot shares them. Records that are not frozen (the memory
 * store's, Cosmos DB's, small SQLite lists) are derived every time.
 */
export class PerRecordMemo<R extends object, V extends object> {
  private readonly kept = new WeakMap<R, { context: readonly unknown[]; value: V }>();

  get(record: R, derive: () => V, context: readonly unknown[] = NO_CONTEXT): V {
    const hit = this.kept.get(record);
    if (hit && sameValues(hit.context, context)) return hit.value;
    const value = derive();
    if (Object.isFrozen(record)) this.kept.set(record, { context, value: Object.freeze(value) });
    return value;
  }
}

const NO_CONTEXT: readonly unknown[] = Object.freeze([]);

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

const londonDayByHour = new Map<string, IsoDate>();

/**
 * The Europe/London date of a stored date or ISO instant. Instants are memoised by their UTC hour (UK offsets are
 * whole hours), because a report over 100k actions would otherwise spend most of its time in Intl.
 */
export function dayOf(value: string): IsoDate {
  if (value.length === 10) return value;
  if (value.length >= 13 && value.endsWith('Z')) {
    const hour = value.slice(0, 13);
    let day = londonDayByHour.get(hour);
    if (day === undefined) {
      day = toLondonDate(`${hour}:00:00Z`);
      londonDayByHour.set(hour, day);
    }
    return day;
  }
  return toLondonDate(value);
}

/** Whether a date lies in [start, end]; ISO dates compare as text. */
export function within(date: IsoDate | undefined, start: IsoDate, end: IsoDate): boolean {
  return date !== undefined && date >= start && date <= end;
}

/** The fields deriveRag reads, with instants turned into London dates through dayOf's memo (Intl per action is slow). */
export function ragInputOf(action: RagInput): RagInput {
  return {
    status: action.status,
    currentTargetDate: action.currentTargetDate,
    extensionCount: action.extensionCount,
    agreedOn: action.agreedOn,
    lastUpdate: action.lastUpdate ? { ...action.lastUpdate, on: dayOf(action.lastUpdate.on) } : undefined,
    createdAt: dayOf(action.createdAt),
    ragOverride: action.ragOverride,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A date as cards print it, one way everywhere: "30 Nov 2026" (unambiguous at a glance, short enough for a narrow
 * column). Files keep ISO dates so spreadsheets sort them. Anything not a date (a blank, "None") passes through.
 */
const dateTexts = new Map<string, string>();

export function dateText(value: string | undefined): string {
  if (!value) return '';
  // Reports print the same few hundred dates thousands of times: remember them (bounded).
  const known = dateTexts.get(value);
  if (known !== undefined) return known;
  const text = formatDate(value);
  if (dateTexts.size < 20_000) dateTexts.set(value, text);
  return text;
}

function formatDate(value: string): string {
  const date = value.length === 10 ? value : value.length > 10 && /^\d{4}-\d{2}-\d{2}T/.test(value) ? dayOf(value) : value;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}` : value;
}
