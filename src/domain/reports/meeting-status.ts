import { isAwaitingSignOff, isOpen, isOverdue, type Action } from '../actions/action';
import { addDays, type IsoDate } from '../calendar';
import { deriveRag, isRated, RAG_WORST_FIRST, ragLabel, ragReasonText, type Rag, type RagRating, type RagSettings } from '../actions/rag';
import { reviewLabelOf, type LabelledReview } from '../reviews/review';
import { ACTION_STATUS_LABELS, byText, dayOf, memoised, nameIndex, nameOf, PerRecordMemo, ragInputOf, readingRanks, sortedByKey, type AgencyRef, type MeetingInput, type PersonRef } from './common';

/** Without a recorded meeting, "since the last meeting" means this many days back: PAI meets about every 6 weeks [D]. */
export const DEFAULT_MEETING_INTERVAL_DAYS = 42;

/** The action fields the status report reads (with closedAtMeetingId, for meetings implied by sign-offs). */
export const STATUS_ACTION_FIELDS = [
  'id', 'ref', 'reviewId', 'agencyId', 'status', 'currentTargetDate', 'extensionCount', 'extensions', 'agreedOn', 'lastUpdate', 'createdAt',
  'ragOverride', 'responsibleOfficerId', 'closedAtMeetingId',
] as const satisfies readonly (keyof Action)[];

/** An action as the status report needs it. */
export type StatusAction = Pick<Action, (typeof STATUS_ACTION_FIELDS)[number]>;

/** What the meeting status summary reads (docs/design/domain.md §6.2). */
export interface MeetingStatusInput {
  today: IsoDate;
  generatedAt: string;
  /** One review (`status <review>`) or every review with open actions. */
  reviewId?: string;
  actions: readonly StatusAction[];
  reviews: readonly LabelledReview[];
  agencies: readonly AgencyRef[];
  people: readonly PersonRef[];
  /** Meetings recorded or implied by sign-offs; the latest one before today is "the last meeting". */
  meetings: readonly MeetingInput[];
  rag: RagSettings;
}

/** One open action under its review and agency: reference and pseudonym only, never case detail (docs/design/domain.md §7). */
export interface StatusRow {
  reviewId: string;
  review: string;
  agency: string;
  actionId: string;
  actionRef: string;
  status: string;
  rag: RagRating;
  ragText: string;
  /** Why it is Red or Amber (empty otherwise): a rating is never shown without its reason. */
  ragReason: string;
  target: IsoDate;
  overdue: boolean;
  lastUpdateOn: string;
  lastUpdateText: string;
}

export interface SignOffRow {
  review: string;
  agency: string;
  actionRef: string;
  status: string;
  responsibleOfficer: string;
}

export interface ExtensionRow {
  review: string;
  agency: string;
  actionRef: string;
  from: IsoDate;
  to: IsoDate;
  on: IsoDate;
  reason: string;
}

export interface SilentAgencyRow {
  agency: string;
  openActions: number;
  lastUpdateOn: string;
}

export interface MeetingStatusReport {
  kind: 'status';
  asAt: IsoDate;
  generatedAt: string;
  /** "Reference (pseudonym)" when the report covers one review. */
  reviewLabel?: string;
  /** The date updates are counted from: the last meeting, or DEFAULT_MEETING_INTERVAL_DAYS back. */
  since: IsoDate;
  sinceIsMeeting: boolean;
  reviewCount: number;
  rows: StatusRow[];
  ragCounts: Record<Rag, number>;
  signOff: SignOffRow[];
  extensions: ExtensionRow[];
  silentAgencies: SilentAgencyRow[];
}


/** `lastUpdateOn` of an action (or agency) nobody has updated. */
export const NO_UPDATE = 'None';

/** Rows kept per frozen action between reports (see PerRecordMemo): a row depends on the action, the day, the settings and its labels. */
const statusRows = new PerRecordMemo<StatusAction, StatusRow>();

function statusRowOf(action: StatusAction, review: string, agency: string, today: IsoDate, settings: RagSettings): StatusRow {
  const ragInput = ragInputOf(action);
  const result = deriveRag(ragInput, today, settings);
  return {
    reviewId: action.reviewId as string,
    review,
    agency,
    actionId: action.id,
    actionRef: action.ref,
    status: ACTION_STATUS_LABELS[action.status],
    rag: result.rag,
    ragText: ragLabel(result.rag),
    ragReason: ragReasonText(result),
    target: action.currentTargetDate,
    overdue: isOverdue(action, today),
    lastUpdateOn: ragInput.lastUpdate?.on ?? NO_UPDATE,
    lastUpdateText: action.lastUpdate?.note ?? '',
  };
}

/**
 * Agenda papers for a PAI meeting (docs/design/domain.md §6.2): open actions per review and agency with RAG and the last update;
 * items waiting for sign-off; target extensions since the last meeting; agencies with open actions and no update since.
 */
export function meetingStatusReport(input: MeetingStatusInput): MeetingStatusReport {
  const { today } = input;
  const agencies = nameIndex(input.agencies);
  const people = nameIndex(input.people);
  const reviews = new Map(input.reviews.map((review) => [review.id, review]));
  const past = input.meetings.map((meeting) => meeting.date).filter((date) => date < today).sort();
  const since = past.length ? past[past.length - 1] : addDays(today, -DEFAULT_MEETING_INTERVAL_DAYS);

  const inScope = input.actions.filter(
    (action) => action.reviewId !== undefined && reviews.has(action.reviewId) && isOpen(action.status) && (input.reviewId === undefined || action.reviewId === input.reviewId),
  );
  const reviewIds = new Set(inScope.map((action) => action.reviewId as string));
  // Each review's label once, shared by its rows (12k reviews behind 70k rows at 100k actions).
  const reviewLabel = memoised((reviewId: string) => reviewLabelOf(reviews.get(reviewId) as LabelledReview));
  const agencyName = (id: string) => nameOf(agencies, id, 'No agency');

  // One pass over the actions for every part of the report, each action's dates turned into London dates once.
  const ragCounts: Record<Rag, number> = { RED: 0, AMBER: 0, GREEN: 0, BLUE: 0 };
  const rows: StatusRow[] = [];
  const waiting: SignOffRow[] = [];
  const extended: ExtensionRow[] = [];
  const perAgency = new Map<string, { open: number; last?: IsoDate }>();
  for (const action of inScope) {
    const review = reviewLabel(action.reviewId as string);
    const agency = agencyName(action.agencyId);
    const row = statusRows.get(action, () => statusRowOf(action, review, agency, today, input.rag), [today, input.rag, review, agency]);
    if (isRated(row.rag)) ragCounts[row.rag] += 1;
    rows.push(row);

    if (isAwaitingSignOff(action.status)) {
      waiting.push({ review, agency, actionRef: action.ref, status: ACTION_STATUS_LABELS[action.status], responsibleOfficer: nameOf(people, action.responsibleOfficerId) });
    }
    for (const extension of action.extensions) {
      const on = dayOf(extension.on);
      if (on > since) extended.push({ review, agency, actionRef: action.ref, from: extension.from, to: extension.to, on, reason: extension.reason });
    }

    const entry = perAgency.get(action.agencyId) ?? { open: 0 };
    entry.open += 1;
    const lastUpdateOn = row.lastUpdateOn === NO_UPDATE ? undefined : row.lastUpdateOn;
    if (lastUpdateOn && (!entry.last || lastUpdateOn > entry.last)) entry.last = lastUpdateOn;
    perAgency.set(action.agencyId, entry);
  }

  // Sort by numbers: each distinct review label, agency name and date ranked once in the order byText gives, so the
  // collator only sees action references that tie on everything else.
  const reviewRank = readingRanks([...reviewIds].map(reviewLabel));
  const agencyRank = readingRanks([...perAgency.keys()].map(agencyName));
  const byRef = (a: { actionRef: string }, b: { actionRef: string }) => byText(a.actionRef, b.actionRef);
  const rankOf = (ranks: Map<string, number>, text: string) => ranks.get(text) as number;
  const ratings = Object.keys(RAG_WORST_FIRST).length;
  const sortedRows = sortedByKey(
    rows,
    (row) => (rankOf(reviewRank, row.review) * agencyRank.size + rankOf(agencyRank, row.agency)) * ratings + RAG_WORST_FIRST[row.rag],
    byRef,
  );
  const signOff = sortedByKey(waiting, (row) => rankOf(reviewRank, row.review), byRef);
  const dayRank = readingRanks(extended.map((row) => row.on));
  const extensions = sortedByKey(extended, (row) => rankOf(dayRank, row.on), byRef);

  const silentAgencies: SilentAgencyRow[] = [...perAgency.entries()]
    .filter(([, entry]) => !entry.last || entry.last <= since)
    .map(([agencyId, entry]) => ({ agency: agencyName(agencyId), openActions: entry.open, lastUpdateOn: entry.last ?? NO_UPDATE }))
    .sort((a, b) => byText(a.agency, b.agency));

  return {
    kind: 'status',
    asAt: today,
    generatedAt: input.generatedAt,
    reviewLabel: input.reviewId && reviews.has(input.reviewId) ? reviewLabelOf(reviews.get(input.reviewId) as LabelledReview) : undefined,
    since,
    sinceIsMeeting: past.length > 0,
    reviewCount: reviewIds.size,
    rows: sortedRows,
    ragCounts,
    signOff,
    extensions,
    silentAgencies,
  };
}
