import { isAwaitingSignOff, isOpen, isOverdue, type Action } from '../actions/action';
import { addDays, type IsoDate } from '../calendar';
import { deriveRag, isRated, RAG_WORST_FIRST, ragLabel, ragReasonText, type Rag, type RagRating, type RagSettings } from '../actions/rag';
import { reviewLabelOf, type Review } from '../reviews/review';
import { ACTION_STATUS_LABELS, byText, dayOf, nameIndex, nameOf, ragInputOf, readingRanks, type AgencyRef, type MeetingInput, type PersonRef } from './common';

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
  reviews: readonly Review[];
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
  const reviewLabel = (action: StatusAction) => reviewLabelOf(reviews.get(action.reviewId as string) as Review);
  const agencyName = (id: string) => nameOf(agencies, id, 'No agency');

  const ragCounts: Record<Rag, number> = { RED: 0, AMBER: 0, GREEN: 0, BLUE: 0 };
  const rows: StatusRow[] = inScope.map((action) => {
    const result = deriveRag(ragInputOf(action), today, input.rag);
    const rag = result.rag;
    if (isRated(rag)) ragCounts[rag] += 1;
    return {
      reviewId: action.reviewId as string,
      review: reviewLabel(action),
      agency: agencyName(action.agencyId),
      actionId: action.id,
      actionRef: action.ref,
      status: ACTION_STATUS_LABELS[action.status],
      rag,
      ragText: ragLabel(rag),
      ragReason: ragReasonText(result),
      target: action.currentTargetDate,
      overdue: isOverdue(action, today),
      lastUpdateOn: action.lastUpdate ? dayOf(action.lastUpdate.on) : 'None',
      lastUpdateText: action.lastUpdate?.note ?? '',
    };
  });
  const reviewRank = readingRanks(rows.map((row) => row.review));
  const agencyRank = readingRanks(rows.map((row) => row.agency));
  const rankOf = (ranks: Map<string, number>, text: string) => ranks.get(text) as number;
  rows.sort(
    (a, b) =>
      rankOf(reviewRank, a.review) - rankOf(reviewRank, b.review) ||
      rankOf(agencyRank, a.agency) - rankOf(agencyRank, b.agency) ||
      RAG_WORST_FIRST[a.rag] - RAG_WORST_FIRST[b.rag] ||
      byText(a.actionRef, b.actionRef),
  );

  const signOff: SignOffRow[] = inScope
    .filter((action) => isAwaitingSignOff(action.status))
    .map((action) => ({
      review: reviewLabel(action),
      agency: agencyName(action.agencyId),
      actionRef: action.ref,
      status: ACTION_STATUS_LABELS[action.status],
      responsibleOfficer: nameOf(people, action.responsibleOfficerId),
    }))
    .sort((a, b) => byText(a.review, b.review) || byText(a.actionRef, b.actionRef));

  const extensions: ExtensionRow[] = inScope
    .flatMap((action) =>
      action.extensions
        .filter((extension) => dayOf(extension.on) > since)
        .map((extension) => ({
          review: reviewLabel(action),
          agency: agencyName(action.agencyId),
          actionRef: action.ref,
          from: extension.from,
          to: extension.to,
          on: dayOf(extension.on),
          reason: extension.reason,
        })),
    )
    .sort((a, b) => byText(a.on, b.on) || byText(a.actionRef, b.actionRef));

  const perAgency = new Map<string, { open: number; last?: IsoDate }>();
  for (const action of inScope) {
    const entry = perAgency.get(action.agencyId) ?? { open: 0 };
    entry.open += 1;
    const last = action.lastUpdate ? dayOf(action.lastUpdate.on) : undefined;
    if (last && (!entry.last || last > entry.last)) entry.last = last;
    perAgency.set(action.agencyId, entry);
  }
  const silentAgencies: SilentAgencyRow[] = [...perAgency.entries()]
    .filter(([, entry]) => !entry.last || entry.last <= since)
    .map(([agencyId, entry]) => ({ agency: agencyName(agencyId), openActions: entry.open, lastUpdateOn: entry.last ?? 'None' }))
    .sort((a, b) => byText(a.agency, b.agency));

  return {
    kind: 'status',
    asAt: today,
    generatedAt: input.generatedAt,
    reviewLabel: input.reviewId && reviews.has(input.reviewId) ? reviewLabelOf(reviews.get(input.reviewId) as Review) : undefined,
    since,
    sinceIsMeeting: past.length > 0,
    reviewCount: new Set(inScope.map((action) => action.reviewId)).size,
    rows,
    ragCounts,
    signOff,
    extensions,
    silentAgencies,
  };
}
