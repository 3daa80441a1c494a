import type { HolidayCalendar } from '../calendar';
import { addMonthsClamped, addTwelveMonths, addWorkingDays, checkCoverage, isIsoDate, toLondonDate, type IsoDate } from '../calendar';
import { InvalidTransitionError, ValidationError } from '../errors';
import { parseEnum } from '../enum-text';

/** Kinds of learning source tracked as a review (docs/design/domain.md §2); DHR and SAR learning are optional extras. */
export const REVIEW_TYPES = [
  'RAPID_REVIEW',
  'LCSPR',
  'NATIONAL_CSPR',
  'LOCAL_LEARNING_REVIEW',
  'MULTI_AGENCY_AUDIT',
  'SCRUTINY_PIECE',
  'SECTION_11',
  'INSPECTION',
  'DHR',
  'SAR',
] as const;
export type ReviewType = (typeof REVIEW_TYPES)[number];

/** Review lifecycle states (docs/design/domain.md §2 and §4). */
export const REVIEW_STATUSES = [
  'REFERRED',
  'SIN_NOTIFIED',
  'RR_IN_PROGRESS',
  'RR_SUBMITTED',
  'NO_FURTHER_REVIEW',
  'LCSPR_COMMISSIONED',
  'LCSPR_IN_PROGRESS',
  'REPORT_FINAL',
  'PUBLISHED',
  'ACTION_PLANNING',
  'ACTIONS_LIVE',
  'ASSURANCE_12M_REQUESTED',
  'ASSURANCE_RECEIVED',
  'CLOSED',
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The rapid review decision recorded after the Panel replies (docs/design/domain.md §3). */
export const DECISIONS = ['LCSPR', 'NO_FURTHER_REVIEW', 'NATIONAL'] as const;
export type Decision = (typeof DECISIONS)[number];

/** A review as the bot holds it: reference, pseudonym, dates and themes only, never case detail (docs/design/domain.md §7). */
export interface Review {
  id: string;
  reference: string;
  pseudonym: string;
  type: ReviewType;
  status: ReviewStatus;
  themes: string[];
  /** 'YYYY-MM': month precision is enough (docs/design/domain.md §3). */
  incidentMonth?: string;
  sinDate?: IsoDate;
  rrDue?: IsoDate;
  rrSubmittedOn?: IsoDate;
  panelResponseOn?: IsoDate;
  decision?: Decision;
  decisionDate?: IsoDate;
  lcsprPublicationTarget?: IsoDate;
  reportToPanelOn?: IsoDate;
  publishedOn?: IsoDate;
  publicationUrl?: string;
  actionPlanningMeetingOn?: IsoDate;
  completedOn?: IsoDate;
  assuranceDue?: IsoDate;
  closedOn?: IsoDate;
  closureRationale?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** Who moves a review and when; `on` is a date or an ISO instant. */
export interface ReviewTransitionContext {
  by: string;
  on: string;
  /** Open actions on the review; required to close (a review cannot close while any action is open). */
  openActionCount?: number;
  /** Why a review closes early (the case proved not to meet the serious incident criteria) or at the end. */
  rationale?: string;
}

/** Settings for the review clocks; each figure is an open question in docs/design/domain.md §8, so none is hard-coded. */
export interface ReviewDateSettings {
  /** Panel expectation: rapid review within 15 working days of the SIN (Panel FAQ). */
  rapidReviewWorkingDays: number;
  /** LCSPR published within 6 months of the decision to initiate (Trafford summary of WT2023). */
  lcsprPublicationMonths: number;
  /** Which recorded date starts the 12-month clock when completedOn is not set by hand (docs/design/domain.md §8 q2). */
  completionEvent: 'MANUAL' | 'RR_SUBMITTED' | 'PUBLISHED' | 'ACTION_PLANNING_MEETING';
}

/** Dates derived from the recorded ones, plus warnings when bank holiday data does not cover them. */
export interface DerivedReviewDates {
  rrDue?: IsoDate;
  lcsprPublicationTarget?: IsoDate;
  completedOn?: IsoDate;
  assuranceDue?: IsoDate;
  warnings: string[];
}

/** Defaults from docs/design/domain.md §3 and §5. */
export const DEFAULT_REVIEW_DATE_SETTINGS: Readonly<ReviewDateSettings> = Object.freeze({
  rapidReviewWorkingDays: 15,
  lcsprPublicationMonths: 6,
  completionEvent: 'MANUAL',
});

/**
 * Allowed review moves (docs/design/domain.md §4). Beyond the diagram: a referral, SIN or rapid review may close early with a
 * rationale when the case proves not to meet the serious incident criteria (Panel FAQ), and a rapid review whose
 * decision is a national review goes straight to local action planning.
 */
export const REVIEW_TRANSITIONS: Readonly<Record<ReviewStatus, readonly ReviewStatus[]>> = Object.freeze({
  REFERRED: ['SIN_NOTIFIED', 'CLOSED'],
  SIN_NOTIFIED: ['RR_IN_PROGRESS', 'CLOSED'],
  RR_IN_PROGRESS: ['RR_SUBMITTED', 'CLOSED'],
  RR_SUBMITTED: ['NO_FURTHER_REVIEW', 'LCSPR_COMMISSIONED', 'ACTION_PLANNING'],
  NO_FURTHER_REVIEW: ['ACTION_PLANNING'],
  LCSPR_COMMISSIONED: ['LCSPR_IN_PROGRESS'],
  LCSPR_IN_PROGRESS: ['REPORT_FINAL'],
  REPORT_FINAL: ['PUBLISHED'],
  PUBLISHED: ['ACTION_PLANNING'],
  ACTION_PLANNING: ['ACTIONS_LIVE'],
  ACTIONS_LIVE: ['ASSURANCE_12M_REQUESTED'],
  ASSURANCE_12M_REQUESTED: ['ASSURANCE_RECEIVED'],
  ASSURANCE_RECEIVED: ['CLOSED', 'ACTIONS_LIVE'],
  CLOSED: [],
});

const EARLY_CLOSE_FROM: ReadonlySet<ReviewStatus> = new Set(['REFERRED', 'SIN_NOTIFIED', 'RR_IN_PROGRESS']);
const DECISION_OF: Partial<Record<ReviewStatus, Decision>> = {
  NO_FURTHER_REVIEW: 'NO_FURTHER_REVIEW',
  LCSPR_COMMISSIONED: 'LCSPR',
};

const REFERENCE = /^[A-Z0-9][A-Z0-9\-/]{2,39}$/i;
const PSEUDONYM_PREFIXES = ['Young person', 'Sibling group', 'Siblings', 'Child', 'Baby', 'Family', 'Infant', 'YP'] as const;
// The prefix is case-insensitive; the label itself must be capitals or digits, so "Child Tom" is refused.
const PSEUDONYM = new RegExp(`^(${PSEUDONYM_PREFIXES.map(anyCase).join('|')})\\s+([A-Z0-9]{1,3})$`);
const PSEUDONYM_MAX_LENGTH = 40;
// One child is one letter (optionally numbered) or a number: two or three letters read as initials ("Child JS").
// Groups (siblings, a family) may list a letter per child ("Siblings KL").
const GROUP_PREFIXES: readonly string[] = ['sibling group', 'siblings', 'family'];
const ONE_CHILD_LABEL = /^(?:[A-Z]\d{0,2}|\d{1,3})$/;

function anyCase(word: string): string {
  return [...word].map((c) => (c === ' ' ? '\\s+' : `[${c.toUpperCase()}${c.toLowerCase()}]`)).join('');
}

/** The fields a review's label is made of: what a report that only names reviews reads of them. */
export const REVIEW_LABEL_FIELDS = ['id', 'reference', 'pseudonym'] as const satisfies readonly (keyof Review)[];

/** A review as a report that only names it reads it. */
export type LabelledReview = Pick<Review, (typeof REVIEW_LABEL_FIELDS)[number]>;

/** How cards and reports name a review: its reference and pseudonym, never more (docs/design/domain.md section 7). */
export function reviewLabelOf(review: Pick<Review, 'reference' | 'pseudonym'>): string {
  return `${review.reference} (${review.pseudonym})`;
}

/** Parses a review type typed in any case ("rapid review", "Rapid-Review", "RAPID_REVIEW"). */
export function parseReviewType(text: string): ReviewType {
  return parseEnum(REVIEW_TYPES, text, 'review type');
}

/** Parses a review status typed in any case. */
export function parseReviewStatus(text: string): ReviewStatus {
  return parseEnum(REVIEW_STATUSES, text, 'review status');
}

/** Parses a rapid review decision typed in any case. */
export function parseDecision(text: string): Decision {
  return parseEnum(DECISIONS, text, 'decision');
}

/**
 * Where a new review starts: a national review is led by the Panel, so locally it starts at action planning
 * (docs/design/domain.md §4); an LCSPR recorded on its own starts commissioned; audits, inspections, s11 and other learning
 * sources only produce actions.
 */
export function initialReviewStatus(type: ReviewType): ReviewStatus {
  switch (type) {
    case 'RAPID_REVIEW':
      return 'REFERRED';
    case 'LCSPR':
      return 'LCSPR_COMMISSIONED';
    default:
      return 'ACTION_PLANNING';
  }
}

/** The state table answer, without the guards that need context. */
export function canTransitionReview(from: ReviewStatus, to: ReviewStatus): boolean {
  return REVIEW_TRANSITIONS[from].includes(to);
}

function refuse(code: string, message: string, review: Review, to: ReviewStatus): InvalidTransitionError {
  return new InvalidTransitionError(code, message, { from: review.status, to });
}

/**
 * Moves a review one step, enforcing the guards of docs/design/domain.md §4, and stamps the date the step records
 * (SIN, submission, decision, publication, closure) when it is not already set.
 */
export function transitionReview(review: Review, to: ReviewStatus, ctx: ReviewTransitionContext): Review {
  if (!canTransitionReview(review.status, to)) {
    throw refuse('REVIEW.INVALID_TRANSITION', `A review cannot move from ${review.status} to ${to}.`, review, to);
  }
  const on = toLondonDate(ctx.on);
  const rationale = ctx.rationale?.trim();
  const next: Review = { ...review, status: to, updatedAt: ctx.on, updatedBy: ctx.by };

  const impliedDecision = DECISION_OF[to];
  if (impliedDecision) {
    if (review.decision && review.decision !== impliedDecision) {
      throw refuse('REVIEW.DECISION_CONFLICT', `The recorded decision is ${review.decision}, which does not lead to ${to}.`, review, to);
    }
    next.decision = impliedDecision;
    next.decisionDate = review.decisionDate ?? on;
  }
  if (review.status === 'RR_SUBMITTED' && to === 'ACTION_PLANNING' && review.decision !== 'NATIONAL') {
    throw refuse('REVIEW.DECISION_CONFLICT', 'Only a rapid review whose decision is a national review goes straight to action planning.', review, to);
  }

  switch (to) {
    case 'SIN_NOTIFIED':
      next.sinDate = review.sinDate ?? on;
      break;
    case 'RR_SUBMITTED':
      next.rrSubmittedOn = review.rrSubmittedOn ?? on;
      break;
    case 'PUBLISHED':
      next.publishedOn = review.publishedOn ?? on;
      break;
    case 'CLOSED':
      if (ctx.openActionCount === undefined || ctx.openActionCount > 0) {
        throw new InvalidTransitionError('REVIEW.OPEN_ACTIONS', 'A review cannot close while any of its actions is open.', {
          from: review.status,
          to,
          openActionCount: ctx.openActionCount ?? 'unknown',
        });
      }
      if (EARLY_CLOSE_FROM.has(review.status) && !rationale) {
        throw refuse('REVIEW.RATIONALE_REQUIRED', 'Closing a review before its rapid review is submitted needs a rationale.', review, to);
      }
      next.closedOn = on;
      if (rationale) next.closureRationale = rationale;
      break;
    default:
      break;
  }
  return next;
}

/**
 * The clocks of docs/design/domain.md §3 and §5 from the recorded dates: rapid review due, LCSPR publication target, and the
 * 12-month assurance date. A missing source date gives an undefined result.
 */
export function deriveReviewDates(
  review: Review,
  holidays: HolidayCalendar,
  settings: ReviewDateSettings = DEFAULT_REVIEW_DATE_SETTINGS,
): DerivedReviewDates {
  const warnings: string[] = [];
  const derived: DerivedReviewDates = { warnings };

  if (review.sinDate) {
    // Panel expectation: rapid review completed and sent within 15 working days of the SIN (Panel FAQ).
    derived.rrDue = addWorkingDays(review.sinDate, settings.rapidReviewWorkingDays, holidays);
    for (const date of [review.sinDate, derived.rrDue]) {
      const warning = checkCoverage(date, holidays);
      if (warning && !warnings.includes(warning)) warnings.push(warning);
    }
  }

  const isLcspr = review.decision === 'LCSPR' || (review.decision === undefined && review.type === 'LCSPR');
  if (review.decisionDate && isLcspr) {
    // LCSPR published within 6 months of the decision to initiate (Trafford summary of WT2023), clamped to month end.
    derived.lcsprPublicationTarget = addMonthsClamped(review.decisionDate, settings.lcsprPublicationMonths);
  }

  derived.completedOn = review.completedOn ?? completionDate(review, settings);
  if (derived.completedOn) {
    // 12-month follow-up: same calendar date next year, 29 Feb to 28 Feb, kept even on a non-working day (docs/design/domain.md §5).
    derived.assuranceDue = addTwelveMonths(derived.completedOn);
  }
  return derived;
}

/**
 * A review's 12-month follow-up date: as stored, else a year after its completion (the rule of deriveReviewDates),
 * so reports never work the date out again for themselves.
 */
export function assuranceDueOf(review: Pick<Review, 'assuranceDue' | 'completedOn'>): IsoDate | undefined {
  return review.assuranceDue ?? (review.completedOn ? addTwelveMonths(review.completedOn) : undefined);
}

function completionDate(review: Review, settings: ReviewDateSettings): IsoDate | undefined {
  switch (settings.completionEvent) {
    case 'RR_SUBMITTED':
      return review.rrSubmittedOn;
    case 'PUBLISHED':
      return review.publishedOn;
    case 'ACTION_PLANNING_MEETING':
      return review.actionPlanningMeetingOn;
    default:
      return undefined;
  }
}

/** References are the only key users see for a review, so they must be short and free of spaces. */
export function validateReference(text: string): string {
  const reference = text.trim();
  if (!REFERENCE.test(reference)) {
    throw new ValidationError(
      'A review reference is 3 to 40 letters, digits, hyphens or slashes, starting with a letter or digit (e.g. LSCP-RR-2025-03).',
      { field: 'reference' },
      'REVIEW.REFERENCE_INVALID',
    );
  }
  return reference;
}

/**
 * Reviews are published anonymised, so the bot accepts only label-style pseudonyms ("Child A", "Baby J",
 * "Sibling group K") and never something that could be a real name (docs/design/domain.md §7). Returns the canonical spelling.
 */
export function validatePseudonym(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const match = trimmed.length <= PSEUDONYM_MAX_LENGTH ? PSEUDONYM.exec(trimmed) : null;
  if (!match) {
    throw new ValidationError(
      'A pseudonym is a label, not a name: Child, Baby, Infant, Young person, YP, Sibling group, Siblings or Family, then 1 to 3 capital letters or digits (e.g. "Child A", "Baby J", "Sibling group K").',
      { field: 'pseudonym' },
      'REVIEW.PSEUDONYM_INVALID',
    );
  }
  const prefix = PSEUDONYM_PREFIXES.find((p) => p.toLowerCase() === match[1].toLowerCase().replace(/\s+/g, ' '));
  if (!GROUP_PREFIXES.includes((prefix ?? match[1]).toLowerCase()) && !ONE_CHILD_LABEL.test(match[2])) {
    throw new ValidationError(
      'A pseudonym for one child is one capital letter, optionally numbered (e.g. "Child A", "Child A2"): two or three letters read as initials.',
      { field: 'pseudonym' },
      'REVIEW.PSEUDONYM_INVALID',
    );
  }
  return `${prefix ?? match[1]} ${match[2]}`;
}

/** Incident dates are held to the month only ('YYYY-MM'), which is enough and identifies less (docs/design/domain.md §3). */
export function isIncidentMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value) && isIsoDate(`${value}-01`);
}
