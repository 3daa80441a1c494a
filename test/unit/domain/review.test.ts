import { DomainError, InvalidTransitionError, ValidationError } from '../../../src/domain/errors';
import {
  DEFAULT_REVIEW_DATE_SETTINGS,
  REVIEW_STATUSES,
  REVIEW_TRANSITIONS,
  REVIEW_TYPES,
  canTransitionReview,
  deriveReviewDates,
  initialReviewStatus,
  isIncidentMonth,
  parseDecision,
  parseReviewStatus,
  parseReviewType,
  transitionReview,
  validatePseudonym,
  validateReference,
  type Review,
  type ReviewStatus,
  type ReviewTransitionContext,
} from '../../../src/domain/reviews/review';
import type { HolidayCalendar } from '../../../src/ports/holiday-calendar';

// England and Wales bank holidays 2025–2027 (gov.uk); checked against the adapter in its own test.
const EW_2025_2027 = new Set([
  '2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28',
  '2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
]);
const holidays: HolidayCalendar = {
  isHoliday: (date) => EW_2025_2027.has(date),
  coverage: () => ({ from: '2025-01-01', to: '2027-12-31' }),
};

function review(overrides: Partial<Review> = {}): Review {
  return {
    id: 'rev-1',
    reference: 'LSCP-RR-2025-03',
    pseudonym: 'Child A',
    type: 'RAPID_REVIEW',
    status: 'REFERRED',
    themes: ['neglect'],
    createdAt: '2025-11-01T09:00:00.000Z',
    createdBy: 'aad-lsbu',
    updatedAt: '2025-11-01T09:00:00.000Z',
    updatedBy: 'aad-lsbu',
    ...overrides,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
}

const ctx: ReviewTransitionContext = { by: 'aad-chair', on: '2026-02-10T10:00:00.000Z' };

describe('review enumerations', () => {
  it.each([
    ['rapid review', 'RAPID_REVIEW'],
    ['Rapid-Review', 'RAPID_REVIEW'],
    [' lcspr ', 'LCSPR'],
    ['national cspr', 'NATIONAL_CSPR'],
    ['Section 11', 'SECTION_11'],
    ['multi-agency audit', 'MULTI_AGENCY_AUDIT'],
  ])('parseReviewType(%p) = %s', (text, expected) => {
    expect(parseReviewType(text)).toBe(expected);
  });

  it.each([
    ['rr submitted', 'RR_SUBMITTED'],
    ['assurance 12m requested', 'ASSURANCE_12M_REQUESTED'],
    ['Closed', 'CLOSED'],
  ])('parseReviewStatus(%p) = %s', (text, expected) => {
    expect(parseReviewStatus(text)).toBe(expected);
  });

  it.each([
    ['no further review', 'NO_FURTHER_REVIEW'],
    ['National', 'NATIONAL'],
    ['lcspr', 'LCSPR'],
  ])('parseDecision(%p) = %s', (text, expected) => {
    expect(parseDecision(text)).toBe(expected);
  });

  it('refuses unknown values and lists the allowed ones', () => {
    try {
      parseReviewType('serious case review');
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details.allowed).toEqual(REVIEW_TYPES);
    }
    expect(() => parseReviewStatus('OVERDUE')).toThrow(ValidationError);
    expect(() => parseDecision('maybe')).toThrow(ValidationError);
  });

  it('has the statuses of domain.md §2 in lifecycle order', () => {
    expect(REVIEW_STATUSES).toEqual([
      'REFERRED', 'SIN_NOTIFIED', 'RR_IN_PROGRESS', 'RR_SUBMITTED', 'NO_FURTHER_REVIEW', 'LCSPR_COMMISSIONED',
      'LCSPR_IN_PROGRESS', 'REPORT_FINAL', 'PUBLISHED', 'ACTION_PLANNING', 'ACTIONS_LIVE', 'ASSURANCE_12M_REQUESTED',
      'ASSURANCE_RECEIVED', 'CLOSED',
    ]);
  });
});

describe('initialReviewStatus', () => {
  it.each([
    ['RAPID_REVIEW', 'REFERRED'],
    ['LCSPR', 'LCSPR_COMMISSIONED'],
    ['NATIONAL_CSPR', 'ACTION_PLANNING'],
    ['LOCAL_LEARNING_REVIEW', 'ACTION_PLANNING'],
    ['MULTI_AGENCY_AUDIT', 'ACTION_PLANNING'],
    ['SCRUTINY_PIECE', 'ACTION_PLANNING'],
    ['SECTION_11', 'ACTION_PLANNING'],
    ['INSPECTION', 'ACTION_PLANNING'],
    ['DHR', 'ACTION_PLANNING'],
    ['SAR', 'ACTION_PLANNING'],
  ] as const)('%s starts at %s', (type, status) => {
    expect(initialReviewStatus(type)).toBe(status);
  });
});

describe('review transitions', () => {
  const ALLOWED = new Set([
    'REFERRED>SIN_NOTIFIED',
    'REFERRED>CLOSED',
    'SIN_NOTIFIED>RR_IN_PROGRESS',
    'SIN_NOTIFIED>CLOSED',
    'RR_IN_PROGRESS>RR_SUBMITTED',
    'RR_IN_PROGRESS>CLOSED',
    'RR_SUBMITTED>NO_FURTHER_REVIEW',
    'RR_SUBMITTED>LCSPR_COMMISSIONED',
    'RR_SUBMITTED>ACTION_PLANNING',
    'NO_FURTHER_REVIEW>ACTION_PLANNING',
    'LCSPR_COMMISSIONED>LCSPR_IN_PROGRESS',
    'LCSPR_IN_PROGRESS>REPORT_FINAL',
    'REPORT_FINAL>PUBLISHED',
    'PUBLISHED>ACTION_PLANNING',
    'ACTION_PLANNING>ACTIONS_LIVE',
    'ACTIONS_LIVE>ASSURANCE_12M_REQUESTED',
    'ASSURANCE_12M_REQUESTED>ASSURANCE_RECEIVED',
    'ASSURANCE_RECEIVED>CLOSED',
    'ASSURANCE_RECEIVED>ACTIONS_LIVE',
  ]);
  const pairs = REVIEW_STATUSES.flatMap((from) => REVIEW_STATUSES.map((to) => [from, to] as const));

  // Context that satisfies every guard, so only the state table decides.
  function permissive(from: ReviewStatus, to: ReviewStatus): { subject: Review; context: ReviewTransitionContext } {
    return {
      subject: review({ status: from, decision: to === 'ACTION_PLANNING' ? 'NATIONAL' : undefined }),
      context: { ...ctx, openActionCount: 0, rationale: 'Did not meet the serious incident criteria' },
    };
  }

  it('the table matches domain.md §4 plus the early closes and the national-review route', () => {
    const table = new Set(Object.entries(REVIEW_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`)));
    expect([...table].sort()).toEqual([...ALLOWED].sort());
  });

  it.each(pairs.filter(([from, to]) => ALLOWED.has(`${from}>${to}`)))('allows %s -> %s', (from, to) => {
    const { subject, context } = permissive(from, to);
    const moved = transitionReview(subject, to, context);
    expect(canTransitionReview(from, to)).toBe(true);
    expect(moved.status).toBe(to);
    expect(moved.updatedBy).toBe('aad-chair');
    expect(moved.updatedAt).toBe(ctx.on);
  });

  it.each(pairs.filter(([from, to]) => !ALLOWED.has(`${from}>${to}`)))('refuses %s -> %s', (from, to) => {
    const { subject, context } = permissive(from, to);
    expect(canTransitionReview(from, to)).toBe(false);
    expect(codeOf(() => transitionReview(subject, to, context))).toBe('REVIEW.INVALID_TRANSITION');
  });

  it('does not mutate the review', () => {
    const original = deepFreeze(review({ status: 'REFERRED' }));
    const moved = transitionReview(original, 'SIN_NOTIFIED', ctx);
    expect(original.status).toBe('REFERRED');
    expect(moved).not.toBe(original);
  });

  it.each([
    [undefined, 'unknown'],
    [1, 1],
    [4, 4],
  ])('refuses to close with %p open actions', (openActionCount, reported) => {
    const subject = review({ status: 'ASSURANCE_RECEIVED' });
    try {
      transitionReview(subject, 'CLOSED', { ...ctx, openActionCount });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect((error as InvalidTransitionError).code).toBe('REVIEW.OPEN_ACTIONS');
      expect((error as InvalidTransitionError).details.openActionCount).toBe(reported);
    }
  });

  it('closes after assurance with no open actions, recording the date and rationale', () => {
    const closed = transitionReview(review({ status: 'ASSURANCE_RECEIVED' }), 'CLOSED', {
      by: 'aad-chair',
      on: '2027-03-10',
      openActionCount: 0,
      rationale: 'PAI assured at its March meeting',
    });
    expect(closed).toMatchObject({ status: 'CLOSED', closedOn: '2027-03-10', closureRationale: 'PAI assured at its March meeting' });
    expect(transitionReview(review({ status: 'ASSURANCE_RECEIVED' }), 'CLOSED', { ...ctx, openActionCount: 0 }).closureRationale).toBeUndefined();
  });

  it.each(['REFERRED', 'SIN_NOTIFIED', 'RR_IN_PROGRESS'] as const)('closing early from %s needs a rationale', (from) => {
    expect(codeOf(() => transitionReview(review({ status: from }), 'CLOSED', { ...ctx, openActionCount: 0 }))).toBe('REVIEW.RATIONALE_REQUIRED');
    expect(codeOf(() => transitionReview(review({ status: from }), 'CLOSED', { ...ctx, openActionCount: 0, rationale: '  ' }))).toBe(
      'REVIEW.RATIONALE_REQUIRED',
    );
  });

  it.each([
    ['NO_FURTHER_REVIEW', 'LCSPR'],
    ['NO_FURTHER_REVIEW', 'NATIONAL'],
    ['LCSPR_COMMISSIONED', 'NO_FURTHER_REVIEW'],
    ['LCSPR_COMMISSIONED', 'NATIONAL'],
  ] as const)('refuses RR_SUBMITTED -> %s when the recorded decision is %s', (to, decision) => {
    expect(codeOf(() => transitionReview(review({ status: 'RR_SUBMITTED', decision }), to, ctx))).toBe('REVIEW.DECISION_CONFLICT');
  });

  it.each([undefined, 'LCSPR', 'NO_FURTHER_REVIEW'] as const)(
    'goes straight from RR_SUBMITTED to ACTION_PLANNING only for a national review (decision %p refused)',
    (decision) => {
      expect(codeOf(() => transitionReview(review({ status: 'RR_SUBMITTED', decision }), 'ACTION_PLANNING', ctx))).toBe(
        'REVIEW.DECISION_CONFLICT',
      );
    },
  );

  it.each([
    ['REFERRED', 'SIN_NOTIFIED', 'sinDate'],
    ['RR_IN_PROGRESS', 'RR_SUBMITTED', 'rrSubmittedOn'],
    ['REPORT_FINAL', 'PUBLISHED', 'publishedOn'],
    ['RR_SUBMITTED', 'LCSPR_COMMISSIONED', 'decisionDate'],
    ['RR_SUBMITTED', 'NO_FURTHER_REVIEW', 'decisionDate'],
  ] as const)('%s -> %s stamps %s with the London date when missing', (from, to, field) => {
    const moved = transitionReview(review({ status: from }), to, { by: 'aad-lsbu', on: '2026-06-30T23:30:00.000Z' });
    expect(moved[field]).toBe('2026-07-01');
  });

  it('keeps a date recorded earlier instead of overwriting it', () => {
    const moved = transitionReview(review({ status: 'REFERRED', sinDate: '2026-01-05' }), 'SIN_NOTIFIED', ctx);
    expect(moved.sinDate).toBe('2026-01-05');
  });

  it.each([
    ['LCSPR_COMMISSIONED', 'LCSPR'],
    ['NO_FURTHER_REVIEW', 'NO_FURTHER_REVIEW'],
  ] as const)('RR_SUBMITTED -> %s records the decision %s', (to, decision) => {
    expect(transitionReview(review({ status: 'RR_SUBMITTED' }), to, ctx).decision).toBe(decision);
  });
});

describe('deriveReviewDates', () => {
  it.each([
    ['2026-01-12', '2026-02-02', 'Monday SIN, no holidays'],
    ['2026-01-10', '2026-01-30', 'Saturday SIN: WD 1 is the Monday'],
    ['2025-12-15', '2026-01-08', 'across Christmas and New Year 2025-26'],
    ['2026-12-14', '2027-01-07', 'across Christmas and New Year 2026-27'],
    ['2026-03-20', '2026-04-14', 'across Easter 2026'],
    ['2026-04-27', '2026-05-19', 'across the Early May bank holiday 2026'],
  ])('SIN %s -> rapid review due %s (%s)', (sinDate, rrDue) => {
    // Panel expectation: rapid review within 15 working days of the SIN.
    const derived = deriveReviewDates(review({ sinDate }), holidays);
    expect(derived.rrDue).toBe(rrDue);
    expect(derived.warnings).toEqual([]);
  });

  it('warns when the SIN is outside the bank holiday data', () => {
    const derived = deriveReviewDates(review({ sinDate: '2028-01-10' }), holidays);
    expect(derived.rrDue).toBe('2028-01-31');
    expect(derived.warnings).toHaveLength(2);
    expect(derived.warnings[0]).toContain('2028-01-10');
  });

  it.each([
    ['LCSPR', '2025-08-31', '2026-02-28'],
    ['LCSPR', '2027-08-31', '2028-02-29'],
    ['LCSPR', '2026-01-15', '2026-07-15'],
    ['NO_FURTHER_REVIEW', '2026-01-15', undefined],
    ['NATIONAL', '2026-01-15', undefined],
  ] as const)('decision %s on %s -> LCSPR publication target %p', (decision, decisionDate, target) => {
    // LCSPR published within 6 months of the decision to initiate, clamped to the month end.
    expect(deriveReviewDates(review({ decision, decisionDate }), holidays).lcsprPublicationTarget).toBe(target);
  });

  it('gives an LCSPR-type review a target before the decision field is set', () => {
    expect(deriveReviewDates(review({ type: 'LCSPR', decisionDate: '2026-03-31' }), holidays).lcsprPublicationTarget).toBe('2026-09-30');
  });

  it.each([
    ['2026-02-10', '2027-02-10'],
    ['2028-02-29', '2029-02-28'],
    ['2026-12-25', '2027-12-25'],
  ])('completed on %s -> 12-month assurance due %s (kept on a non-working day)', (completedOn, assuranceDue) => {
    expect(deriveReviewDates(review({ completedOn }), holidays).assuranceDue).toBe(assuranceDue);
  });

  it.each([
    ['MANUAL', undefined],
    ['RR_SUBMITTED', '2026-02-02'],
    ['PUBLISHED', '2026-09-01'],
    ['ACTION_PLANNING_MEETING', '2026-10-05'],
  ] as const)('completion event %s gives completedOn %p', (completionEvent, completedOn) => {
    const subject = review({ rrSubmittedOn: '2026-02-02', publishedOn: '2026-09-01', actionPlanningMeetingOn: '2026-10-05' });
    const derived = deriveReviewDates(subject, holidays, { ...DEFAULT_REVIEW_DATE_SETTINGS, completionEvent });
    expect(derived.completedOn).toBe(completedOn);
    expect(derived.assuranceDue).toBe(completedOn ? `2027${completedOn.slice(4)}` : undefined);
  });

  it('prefers a completedOn set by hand over the configured event', () => {
    const subject = review({ completedOn: '2026-03-01', publishedOn: '2026-09-01' });
    const derived = deriveReviewDates(subject, holidays, { ...DEFAULT_REVIEW_DATE_SETTINGS, completionEvent: 'PUBLISHED' });
    expect(derived.completedOn).toBe('2026-03-01');
  });

  it('leaves everything undefined when no source dates are recorded', () => {
    expect(deriveReviewDates(review(), holidays)).toEqual({ warnings: [] });
  });

  it('takes the working-day figure from settings', () => {
    const settings = { ...DEFAULT_REVIEW_DATE_SETTINGS, rapidReviewWorkingDays: 5 };
    expect(deriveReviewDates(review({ sinDate: '2025-12-19' }), holidays, settings).rrDue).toBe('2025-12-30');
  });
});

describe('reference and pseudonym validation', () => {
  it.each(['LSCP-RR-2025-03', 'lscp/lcspr/2024/01', 'RR1', 'A'.repeat(40)])('accepts reference %p', (reference) => {
    expect(validateReference(` ${reference} `)).toBe(reference);
  });

  it.each(['', 'RR', '-RR-2025', 'LSCP RR 2025', 'LSCP_RR_2025', 'A'.repeat(41), 'Child A'])('refuses reference %p', (reference) => {
    expect(codeOf(() => validateReference(reference))).toBe('REVIEW.REFERENCE_INVALID');
  });

  it.each([
    ['Child A', 'Child A'],
    ['child A', 'Child A'],
    ['Baby J', 'Baby J'],
    ['Child 3', 'Child 3'],
    ['Child A1', 'Child A1'],
    ['SIBLING GROUP K', 'Sibling group K'],
    ['Siblings KL', 'Siblings KL'],
    ['young  person   Z', 'Young person Z'],
    ['Family C', 'Family C'],
    ['Infant B', 'Infant B'],
  ])('accepts pseudonym %p as %p', (text, canonical) => {
    expect(validatePseudonym(text)).toBe(canonical);
  });

  it.each(['Child JS', 'Child AB', 'yp AB', 'Baby KT', 'Jayden', 'Child Jayden', 'Child Tom', 'Baby Mia', 'Child a', 'Child ABCD', 'Child', 'Mother A', 'Child A Smith', '', 'Child-A'])(
    'refuses pseudonym %p',
    (text) => {
      expect(codeOf(() => validatePseudonym(text))).toBe('REVIEW.PSEUDONYM_INVALID');
    },
  );

  it('never repeats the refused text in the message', () => {
    try {
      validatePseudonym('Child Jayden');
    } catch (error) {
      expect((error as Error).message).not.toContain('Jayden');
      expect(JSON.stringify((error as ValidationError).details)).not.toContain('Jayden');
    }
  });

  it.each([
    ['2025-11', true],
    ['2025-13', false],
    ['2025-1', false],
    ['2025-11-03', false],
  ])('isIncidentMonth(%p) = %p', (value, expected) => {
    expect(isIncidentMonth(value)).toBe(expected);
  });
});
