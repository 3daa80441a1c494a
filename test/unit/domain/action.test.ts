import {
  ACTION_SCOPES,
  ACTION_SOURCE_TYPES,
  ACTION_STATUSES,
  ACTION_TRANSITIONS,
  addEvidence,
  agreeAction,
  canTransitionAction,
  changeStatus,
  closeAction,
  daysOverdue,
  extendTarget,
  isOpen,
  isOverdue,
  parseActionScope,
  parseActionSourceType,
  parseActionStatus,
  proposeAction,
  recordCompletion,
  recordImpact,
  recordUpdate,
  setProposedTarget,
  setRagOverride,
  type Action,
  type ActionStatus,
  type ActionTransitionContext,
} from '../../../src/domain/actions/action';
import { DomainError, InvalidTransitionError, ValidationError } from '../../../src/domain/errors';

const ctx = { by: 'aad-officer', on: '2026-03-02T10:00:00.000Z' };

function action(overrides: Partial<Action> = {}): Action {
  return {
    id: 'act-1',
    ref: 'RR-2025-03/1',
    reviewId: 'rev-1',
    sourceType: 'REVIEW',
    scope: 'SINGLE_AGENCY',
    agencyId: 'agency-icb',
    responsibleOfficerId: 'aad-officer',
    themes: ['professional-curiosity'],
    description: 'Deliver refresher training on professional curiosity to all health visitors',
    successMeasure: '90% of health visitors trained; audit shows curiosity in assessments',
    originalTargetDate: '2026-03-31',
    currentTargetDate: '2026-03-31',
    extensionCount: 0,
    extensions: [],
    status: 'IN_PROGRESS',
    evidence: [],
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

const evidenceLink = { url: 'https://lancashirecc.sharepoint.com/sites/LSCP/training-register.xlsx', description: 'Training register' };

describe('action enumerations', () => {
  it.each([
    ['in progress', 'IN_PROGRESS'],
    ['Completed-Awaiting-Evidence', 'COMPLETED_AWAITING_EVIDENCE'],
    [' closed ', 'CLOSED'],
    ['impact evidenced', 'IMPACT_EVIDENCED'],
  ])('parseActionStatus(%p) = %s', (text, expected) => {
    expect(parseActionStatus(text)).toBe(expected);
  });

  it.each([
    ['single agency', 'SINGLE_AGENCY'],
    ['Partnership', 'PARTNERSHIP'],
  ])('parseActionScope(%p) = %s', (text, expected) => {
    expect(parseActionScope(text)).toBe(expected);
  });

  it.each([
    ['s11', 'SECTION_11'],
    ['section 11', 'SECTION_11'],
    ['review', 'REVIEW'],
    ['Scrutiny', 'SCRUTINY'],
    ['audit', 'AUDIT'],
    ['inspection', 'INSPECTION'],
  ])('parseActionSourceType(%p) = %s', (text, expected) => {
    expect(parseActionSourceType(text)).toBe(expected);
  });

  it.each([
    [() => parseActionStatus('OVERDUE')],
    [() => parseActionScope('county')],
    [() => parseActionSourceType('DHR')],
  ])('refuses an unknown value (%#)', (parse) => {
    expect(parse).toThrow(ValidationError);
  });

  it('covers the values of domain.md §2 and §3', () => {
    expect(ACTION_STATUSES).toHaveLength(9);
    expect(ACTION_SCOPES).toEqual(['SINGLE_AGENCY', 'PARTNERSHIP']);
    expect(ACTION_SOURCE_TYPES).toEqual(['REVIEW', 'SECTION_11', 'SCRUTINY', 'AUDIT', 'INSPECTION']);
  });
});

describe('action transitions', () => {
  const ALLOWED = new Set([
    'PROPOSED>AGREED',
    'PROPOSED>WITHDRAWN',
    'PROPOSED>SUPERSEDED',
    'AGREED>IN_PROGRESS',
    'AGREED>WITHDRAWN',
    'AGREED>SUPERSEDED',
    'IN_PROGRESS>COMPLETED_AWAITING_EVIDENCE',
    'IN_PROGRESS>EVIDENCE_SUBMITTED',
    'IN_PROGRESS>WITHDRAWN',
    'IN_PROGRESS>SUPERSEDED',
    'COMPLETED_AWAITING_EVIDENCE>EVIDENCE_SUBMITTED',
    'COMPLETED_AWAITING_EVIDENCE>IN_PROGRESS',
    'COMPLETED_AWAITING_EVIDENCE>WITHDRAWN',
    'COMPLETED_AWAITING_EVIDENCE>SUPERSEDED',
    'EVIDENCE_SUBMITTED>IMPACT_EVIDENCED',
    'EVIDENCE_SUBMITTED>CLOSED',
    'EVIDENCE_SUBMITTED>IN_PROGRESS',
    'EVIDENCE_SUBMITTED>WITHDRAWN',
    'EVIDENCE_SUBMITTED>SUPERSEDED',
    'IMPACT_EVIDENCED>CLOSED',
    'IMPACT_EVIDENCED>IN_PROGRESS',
    'IMPACT_EVIDENCED>WITHDRAWN',
    'IMPACT_EVIDENCED>SUPERSEDED',
  ]);
  const pairs = ACTION_STATUSES.flatMap((from) => ACTION_STATUSES.map((to) => [from, to] as const));
  // An action and context that satisfy every guard, so only the state table decides.
  const ready = (status: ActionStatus): Action =>
    action({ status, completionEvidence: 'Register shows 94% trained', impactStatement: 'Audit found curiosity in 18 of 20 cases' });
  const permissive: ActionTransitionContext = { ...ctx, rationale: 'PAI challenge', allowWithoutImpact: true, meetingId: 'pai-2026-03' };

  it('the table is the lifecycle of domain.md §4 with PAI step-backs', () => {
    const table = new Set(Object.entries(ACTION_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`)));
    expect([...table].sort()).toEqual([...ALLOWED].sort());
  });

  it.each(pairs.filter(([from, to]) => ALLOWED.has(`${from}>${to}`)))('allows %s -> %s', (from, to) => {
    const moved = changeStatus(ready(from), to, permissive);
    expect(canTransitionAction(from, to)).toBe(true);
    expect(moved.status).toBe(to);
    expect(moved.updatedBy).toBe('aad-officer');
    expect(moved.updatedAt).toBe(ctx.on);
  });

  it.each(pairs.filter(([from, to]) => !ALLOWED.has(`${from}>${to}`)))('refuses %s -> %s', (from, to) => {
    expect(canTransitionAction(from, to)).toBe(false);
    expect(codeOf(() => changeStatus(ready(from), to, permissive))).toBe('ACTION.INVALID_TRANSITION');
  });

  it('never mutates the action it is given', () => {
    const original = deepFreeze(action({ status: 'IN_PROGRESS' }));
    const snapshot = JSON.stringify(original);
    const next = [
      (a: Action) => addEvidence(a, evidenceLink, ctx),
      (a: Action) => recordCompletion(a, 'Register shows 94% trained', undefined, ctx),
      (a: Action) => recordImpact(a, 'Audit found curiosity in 18 of 20 cases', ctx),
      (a: Action) => changeStatus(a, 'IMPACT_EVIDENCED', ctx),
      (a: Action) => closeAction(a, { by: 'aad-chair', on: '2026-04-14', meetingId: 'pai-2026-04', allowWithoutImpact: false }),
    ].reduce((current, step) => step(current), original as Action);
    expect(JSON.stringify(original)).toBe(snapshot);
    expect(next.status).toBe('CLOSED');
    expect(extendTarget(original, '2026-06-30', 'Staffing', ctx)).not.toBe(original);
  });
});

describe('agreeing an action', () => {
  it.each([
    ['agencyId', '', 'agency'],
    ['responsibleOfficerId', undefined, 'responsible officer'],
    ['responsibleOfficerId', '  ', 'responsible officer'],
    ['currentTargetDate', '', 'target date'],
    ['currentTargetDate', '2026-02-30', 'target date'],
    ['successMeasure', '', 'success measure'],
  ] as const)('needs %s (missing: %p)', (field, value, missing) => {
    const proposed = action({ status: 'PROPOSED', [field]: value });
    try {
      agreeAction(proposed, ctx);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidTransitionError);
      expect((error as InvalidTransitionError).code).toBe('ACTION.MISSING_FIELDS');
      expect((error as InvalidTransitionError).details.missing).toEqual([missing]);
    }
  });

  it('lists every missing field at once', () => {
    const proposed = action({ status: 'PROPOSED', agencyId: '', responsibleOfficerId: undefined, successMeasure: '' });
    try {
      agreeAction(proposed, ctx);
    } catch (error) {
      expect((error as InvalidTransitionError).details.missing).toEqual(['agency', 'responsible officer', 'success measure']);
    }
  });

  it('records the London date of agreement and fixes the original target', () => {
    const proposed = action({ status: 'PROPOSED', originalTargetDate: '2026-03-31', currentTargetDate: '2026-05-31' });
    const agreed = agreeAction(proposed, { by: 'aad-chair', on: '2026-06-30T23:30:00.000Z' });
    expect(agreed).toMatchObject({ status: 'AGREED', agreedOn: '2026-07-01', originalTargetDate: '2026-05-31', currentTargetDate: '2026-05-31' });
  });

  it('refuses to agree an action that is not proposed', () => {
    expect(codeOf(() => agreeAction(action({ status: 'AGREED' }), ctx))).toBe('ACTION.INVALID_TRANSITION');
  });
});

describe('status guards', () => {
  it('stamps startedOn on the first start only', () => {
    expect(changeStatus(action({ status: 'AGREED' }), 'IN_PROGRESS', { by: 'x', on: '2026-03-02' }).startedOn).toBe('2026-03-02');
    const back = changeStatus(action({ status: 'COMPLETED_AWAITING_EVIDENCE', startedOn: '2026-01-05', completedOn: '2026-02-01' }), 'IN_PROGRESS', {
      ...ctx,
      rationale: 'PAI: evidence does not show the training reached night staff',
    });
    expect(back.startedOn).toBe('2026-01-05');
    expect(back.completedOn).toBeUndefined();
  });

  it.each(['COMPLETED_AWAITING_EVIDENCE', 'EVIDENCE_SUBMITTED', 'IMPACT_EVIDENCED'] as const)(
    'stepping back from %s to IN_PROGRESS needs a rationale',
    (from) => {
      const subject = action({ status: from, completionEvidence: 'Register', impactStatement: 'Audit' });
      expect(codeOf(() => changeStatus(subject, 'IN_PROGRESS', ctx))).toBe('ACTION.RATIONALE_REQUIRED');
      expect(codeOf(() => changeStatus(subject, 'IN_PROGRESS', { ...ctx, rationale: ' ' }))).toBe('ACTION.RATIONALE_REQUIRED');
    },
  );

  it.each(
    (['PROPOSED', 'AGREED', 'IN_PROGRESS', 'COMPLETED_AWAITING_EVIDENCE', 'EVIDENCE_SUBMITTED', 'IMPACT_EVIDENCED'] as const).flatMap((from) =>
      (['WITHDRAWN', 'SUPERSEDED'] as const).map((to) => [from, to] as const),
    ),
  )('%s -> %s needs a rationale and records it', (from, to) => {
    expect(codeOf(() => changeStatus(action({ status: from }), to, ctx))).toBe('ACTION.RATIONALE_REQUIRED');
    const moved = changeStatus(action({ status: from }), to, { ...ctx, rationale: ' Replaced by the county neglect strategy ' });
    expect(moved.withdrawnReason).toBe('Replaced by the county neglect strategy');
    expect(isOpen(moved.status)).toBe(false);
  });

  it('records completion when marked complete awaiting evidence', () => {
    expect(changeStatus(action(), 'COMPLETED_AWAITING_EVIDENCE', { by: 'x', on: '2026-03-20' }).completedOn).toBe('2026-03-20');
  });

  it('needs evidence (a summary or a link) before EVIDENCE_SUBMITTED', () => {
    const awaiting = action({ status: 'COMPLETED_AWAITING_EVIDENCE' });
    expect(codeOf(() => changeStatus(awaiting, 'EVIDENCE_SUBMITTED', ctx))).toBe('ACTION.EVIDENCE_REQUIRED');
    const withLink = addEvidence(awaiting, evidenceLink, ctx);
    expect(changeStatus(withLink, 'EVIDENCE_SUBMITTED', ctx).status).toBe('EVIDENCE_SUBMITTED');
  });

  it('needs an impact statement before IMPACT_EVIDENCED', () => {
    const submitted = action({ status: 'EVIDENCE_SUBMITTED', completionEvidence: 'Register' });
    expect(codeOf(() => changeStatus(submitted, 'IMPACT_EVIDENCED', ctx))).toBe('ACTION.IMPACT_REQUIRED');
    expect(changeStatus(recordImpact(submitted, 'Audit found curiosity in 18 of 20 cases', ctx), 'IMPACT_EVIDENCED', ctx).status).toBe(
      'IMPACT_EVIDENCED',
    );
  });
});

describe('closing (PAI sign-off)', () => {
  const signOff = { by: 'aad-chair', on: '2026-04-14', meetingId: 'pai-2026-04', allowWithoutImpact: false };

  it('closes an impact-evidenced action and records who, when and at which meeting', () => {
    const closed = closeAction(action({ status: 'IMPACT_EVIDENCED', completionEvidence: 'Register', impactStatement: 'Audit' }), signOff);
    expect(closed).toMatchObject({
      status: 'CLOSED',
      closedOn: '2026-04-14',
      closedBy: 'aad-chair',
      closedAtMeetingId: 'pai-2026-04',
      closedWithoutImpact: false,
    });
  });

  it('closes without an impact statement only when explicitly allowed, and flags it', () => {
    const submitted = action({ status: 'EVIDENCE_SUBMITTED', completionEvidence: 'Register' });
    expect(codeOf(() => closeAction(submitted, signOff))).toBe('ACTION.IMPACT_REQUIRED');
    const closed = closeAction(submitted, { ...signOff, allowWithoutImpact: true });
    expect(closed.closedWithoutImpact).toBe(true);
  });

  it('refuses to close without completion evidence', () => {
    const submitted = action({ status: 'EVIDENCE_SUBMITTED' });
    expect(codeOf(() => closeAction(submitted, { ...signOff, allowWithoutImpact: true }))).toBe('ACTION.EVIDENCE_REQUIRED');
  });

  it.each(['PROPOSED', 'AGREED', 'IN_PROGRESS', 'COMPLETED_AWAITING_EVIDENCE', 'CLOSED', 'WITHDRAWN', 'SUPERSEDED'] as const)(
    'refuses to close from %s',
    (from) => {
      const subject = action({ status: from, completionEvidence: 'Register', impactStatement: 'Audit' });
      expect(codeOf(() => closeAction(subject, { ...signOff, allowWithoutImpact: true }))).toBe('ACTION.INVALID_TRANSITION');
    },
  );

  it('leaves the meeting unset when the sign-off names none', () => {
    const closed = closeAction(action({ status: 'IMPACT_EVIDENCED', completionEvidence: 'Register', impactStatement: 'Audit' }), {
      by: 'aad-chair',
      on: '2026-04-14',
      allowWithoutImpact: false,
    });
    expect(closed.closedAtMeetingId).toBeUndefined();
  });
});

describe('extensions', () => {
  it('moves the current target only, counts and logs the extension', () => {
    const once = extendTarget(action(), '2026-06-30', ' Staffing pressures ', ctx);
    const twice = extendTarget(once, '2026-09-30', 'Restructure', { by: 'aad-chair', on: '2026-06-01' });
    expect(twice).toMatchObject({ originalTargetDate: '2026-03-31', currentTargetDate: '2026-09-30', extensionCount: 2 });
    expect(twice.extensions).toEqual([
      { from: '2026-03-31', to: '2026-06-30', reason: 'Staffing pressures', by: 'aad-officer', on: ctx.on },
      { from: '2026-06-30', to: '2026-09-30', reason: 'Restructure', by: 'aad-chair', on: '2026-06-01' },
    ]);
  });

  it.each([
    ['2026-03-31', 'Staffing', 'ACTION.EXTENSION_NOT_LATER'],
    ['2026-03-01', 'Staffing', 'ACTION.EXTENSION_NOT_LATER'],
    ['31/06/2026', 'Staffing', 'ACTION.TARGET_DATE_INVALID'],
    ['2026-06-30', '   ', 'ACTION.REASON_REQUIRED'],
  ])('refuses new date %p with reason %p (%s)', (newDate, reason, code) => {
    expect(codeOf(() => extendTarget(action(), newDate, reason, ctx))).toBe(code);
  });

  it.each([
    ['PROPOSED', 'ACTION.NOT_AGREED'],
    ['CLOSED', 'ACTION.NOT_OPEN'],
    ['WITHDRAWN', 'ACTION.NOT_OPEN'],
    ['SUPERSEDED', 'ACTION.NOT_OPEN'],
  ] as const)('refuses to extend a %s action (%s)', (status, code) => {
    expect(codeOf(() => extendTarget(action({ status }), '2026-06-30', 'Staffing', ctx))).toBe(code);
  });

  it('lets a proposal change its target freely, and an agreed action only by extension', () => {
    const moved = setProposedTarget(action({ status: 'PROPOSED' }), '2026-07-31', ctx);
    expect(moved).toMatchObject({ originalTargetDate: '2026-07-31', currentTargetDate: '2026-07-31', extensionCount: 0 });
    expect(codeOf(() => setProposedTarget(action({ status: 'AGREED' }), '2026-07-31', ctx))).toBe('ACTION.ALREADY_AGREED');
    expect(codeOf(() => setProposedTarget(action({ status: 'PROPOSED' }), 'soon', ctx))).toBe('ACTION.TARGET_DATE_INVALID');
  });
});

describe('evidence links', () => {
  it('adds an https link with a description, stamped with who and when', () => {
    const withLink = addEvidence(action(), { url: ` ${evidenceLink.url} `, description: ' Training register ' }, ctx);
    expect(withLink.evidence).toEqual([{ url: evidenceLink.url, description: 'Training register', addedBy: 'aad-officer', addedOn: ctx.on }]);
  });

  it.each([
    'http://lancashirecc.sharepoint.com/sites/LSCP/file.docx',
    'javascript:alert(1)',
    'ftp://files.example.org/report.pdf',
    'file:///C:/Users/report.docx',
    'lancashirecc.sharepoint.com/sites/LSCP/file.docx',
    'https://user:secret@lancashirecc.sharepoint.com/file.docx',
    '',
  ])('refuses %p', (url) => {
    expect(codeOf(() => addEvidence(action(), { url, description: 'Report' }, ctx))).toBe('ACTION.EVIDENCE_URL');
  });

  it('needs a description and refuses duplicates', () => {
    expect(codeOf(() => addEvidence(action(), { url: evidenceLink.url, description: '  ' }, ctx))).toBe('ACTION.EVIDENCE_DESCRIPTION');
    const once = addEvidence(action(), evidenceLink, ctx);
    expect(codeOf(() => addEvidence(once, evidenceLink, ctx))).toBe('ACTION.EVIDENCE_DUPLICATE');
  });

  it.each(['CLOSED', 'WITHDRAWN', 'SUPERSEDED'] as const)('refuses evidence on a %s action', (status) => {
    expect(codeOf(() => addEvidence(action({ status }), evidenceLink, ctx))).toBe('ACTION.NOT_OPEN');
  });
});

describe('recording completion', () => {
  it.each([
    ['IN_PROGRESS', undefined, '2026-03-02'],
    ['COMPLETED_AWAITING_EVIDENCE', '2026-02-20', '2026-02-20'],
  ] as const)('from %s submits the evidence (completedOn %p -> %p)', (status, completedOn, expectedCompletedOn) => {
    const submitted = recordCompletion(action({ status, completedOn }), ' Register shows 94% trained ', ' Audit found curiosity ', ctx);
    expect(submitted).toMatchObject({
      status: 'EVIDENCE_SUBMITTED',
      completionEvidence: 'Register shows 94% trained',
      impactStatement: 'Audit found curiosity',
      completedOn: expectedCompletedOn,
    });
  });

  it('amends the evidence while already submitted, keeping any impact statement', () => {
    const submitted = action({ status: 'EVIDENCE_SUBMITTED', completionEvidence: 'Old', impactStatement: 'Kept' });
    expect(recordCompletion(submitted, 'New summary', undefined, ctx)).toMatchObject({ completionEvidence: 'New summary', impactStatement: 'Kept' });
  });

  it.each(['PROPOSED', 'AGREED', 'IMPACT_EVIDENCED', 'CLOSED'] as const)('refuses from %s', (status) => {
    expect(codeOf(() => recordCompletion(action({ status }), 'Register', undefined, ctx))).toBe('ACTION.INVALID_TRANSITION');
  });

  it('needs an evidence summary', () => {
    expect(codeOf(() => recordCompletion(action(), ' ', undefined, ctx))).toBe('ACTION.EVIDENCE_REQUIRED');
  });

  it('needs an impact text to record impact', () => {
    expect(codeOf(() => recordImpact(action(), '', ctx))).toBe('ACTION.IMPACT_REQUIRED');
  });
});

describe('open and overdue (domain.md §5)', () => {
  it.each([
    ['PROPOSED', true],
    ['AGREED', true],
    ['IN_PROGRESS', true],
    ['COMPLETED_AWAITING_EVIDENCE', true],
    ['EVIDENCE_SUBMITTED', true],
    ['IMPACT_EVIDENCED', true],
    ['CLOSED', false],
    ['WITHDRAWN', false],
    ['SUPERSEDED', false],
  ] as const)('isOpen(%s) = %p', (status, expected) => {
    expect(isOpen(status)).toBe(expected);
  });

  const overdueWhenLate: Record<ActionStatus, boolean> = {
    PROPOSED: true,
    AGREED: true,
    IN_PROGRESS: true,
    COMPLETED_AWAITING_EVIDENCE: true,
    EVIDENCE_SUBMITTED: true,
    IMPACT_EVIDENCED: false,
    CLOSED: false,
    WITHDRAWN: false,
    SUPERSEDED: false,
  };

  it.each(
    ACTION_STATUSES.flatMap((status) => [
      [status, '2026-03-30', overdueWhenLate[status] ? 2 : 0],
      [status, '2026-03-31', overdueWhenLate[status] ? 1 : 0],
      [status, '2026-04-01', 0],
      [status, '2026-04-02', 0],
    ] as const),
  )('status %s with target %s on 2026-04-01: %i days overdue', (status, target, days) => {
    const subject = { status, currentTargetDate: target };
    expect(isOverdue(subject, '2026-04-01')).toBe(days > 0);
    expect(daysOverdue(subject, '2026-04-01')).toBe(days);
  });
});

describe('updates and overrides', () => {
  it('records the latest update', () => {
    const updated = recordUpdate(action(), { byName: 'Jo Officer', note: ' Training booked ' }, ctx);
    expect(updated.lastUpdate).toEqual({ by: 'aad-officer', byName: 'Jo Officer', on: ctx.on, note: 'Training booked' });
    expect(recordUpdate(action(), { byName: 'Jo Officer' }, ctx).lastUpdate).not.toHaveProperty('note');
  });

  it('sets a RAG override with a reason, and clears it', () => {
    const overridden = setRagOverride(action(), { rag: 'AMBER', reason: ' Key post vacant ' }, ctx);
    expect(overridden.ragOverride).toEqual({ rag: 'AMBER', reason: 'Key post vacant', by: 'aad-officer', on: ctx.on });
    expect(setRagOverride(overridden, undefined, ctx)).not.toHaveProperty('ragOverride');
    expect(codeOf(() => setRagOverride(action(), { rag: 'RED', reason: '' }, ctx))).toBe('ACTION.OVERRIDE_REASON');
    expect(codeOf(() => setRagOverride(action({ status: 'CLOSED' }), { rag: 'RED', reason: 'x' }, ctx))).toBe('ACTION.NOT_OPEN');
  });

  it('refuses updates on a closed action', () => {
    expect(codeOf(() => recordUpdate(action({ status: 'CLOSED' }), { byName: 'Jo' }, ctx))).toBe('ACTION.NOT_OPEN');
  });
});

describe('proposing', () => {
  const input = {
    id: 'act-9',
    ref: 'RR-2025-03/9',
    reviewId: 'rev-1',
    sourceType: 'REVIEW' as const,
    scope: 'PARTNERSHIP' as const,
    agencyId: 'agency-lcc',
    themes: ['neglect'],
    description: 'Relaunch the neglect strategy',
    successMeasure: 'Strategy signed off; audit in 6 months',
    targetDate: '2026-09-30',
  };

  it('starts PROPOSED with empty history', () => {
    const proposed = proposeAction(input, ctx);
    expect(proposed).toMatchObject({
      status: 'PROPOSED',
      originalTargetDate: '2026-09-30',
      currentTargetDate: '2026-09-30',
      extensionCount: 0,
      extensions: [],
      evidence: [],
      createdBy: 'aad-officer',
    });
    expect(proposed).not.toHaveProperty('targetDate');
  });

  it.each([
    [{ description: ' ' }, 'ACTION.DESCRIPTION_REQUIRED'],
    [{ targetDate: '2026-09-31' }, 'ACTION.TARGET_DATE_INVALID'],
  ])('refuses %p', (override, code) => {
    expect(codeOf(() => proposeAction({ ...input, ...override }, ctx))).toBe(code);
  });
});
