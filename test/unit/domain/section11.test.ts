import { BankHolidayCalendar } from '../../../src/adapters/system/bank-holiday-calendar';
import { chaseDays, chaseDecision } from '../../../src/domain/section11/chase';
import { cycleIdOf, moveStage, openCycle, parseCycleLabel, parseS11Stage } from '../../../src/domain/section11/cycle';
import { parseS11Rating, ratingChange, STATUTORY_STANDARDS, statutoryFramework, type S11Rating } from '../../../src/domain/section11/framework';
import {
  answerQuery, copyPreviousAnswer, improvementActionsOf, missingForSubmit, moderateStandard, newReturn, queryStandard, recordFeedback, saveAnswer, submitReturn,
  type S11Answer, type S11Return, type S11ReturnStatus,
} from '../../../src/domain/section11/return';
import { s11Summary } from '../../../src/domain/section11/summary';

const holidays = new BankHolidayCalendar();
const stamp = { by: 'rep', on: '2026-11-20T10:00:00.000Z' };
const framework = statutoryFramework('2026-01-01T00:00:00.000Z', 'seed');
const cycle = { id: 's11-2026-27', label: '2026/27' };

function rated(rating: S11Rating): { selfRating: S11Rating; evidence: string } {
  return { selfRating: rating, evidence: 'Board minutes and training records' };
}

function draftedAll(): S11Return {
  let ret = newReturn(cycle, 'police', stamp);
  for (const standard of framework.standards) ret = saveAnswer(ret, framework, 'OPEN', standard.number, rated(standard.number === '4' ? 'NOT_APPLICABLE' : 'FULLY_MET'), stamp);
  return ret;
}

describe('Section 11 framework', () => {
  it('seeds the eight statutory standards with the default scale', () => {
    expect(STATUTORY_STANDARDS.map((standard) => standard.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(framework.scale).toEqual(['FULLY_MET', 'MOSTLY_MET', 'PARTIALLY_MET', 'NOT_MET', 'NOT_APPLICABLE']);
  });

  it.each([['fully met', 'FULLY_MET'], ['Not-Applicable', 'NOT_APPLICABLE'], ['partially_met', 'PARTIALLY_MET']])('reads the rating "%s" in any case', (text, rating) => {
    expect(parseS11Rating(text)).toBe(rating);
  });

  it('refuses a rating that is not on the scale', () => {
    expect(() => parseS11Rating('GOOD')).toThrow(/Use one of/);
  });

  it.each([
    ['MOSTLY_MET', 'FULLY_MET', 'better'],
    ['FULLY_MET', 'FULLY_MET', 'same'],
    ['MOSTLY_MET', 'NOT_MET', 'worse'],
    ['NOT_APPLICABLE', 'FULLY_MET', undefined],
    [undefined, 'FULLY_MET', undefined],
  ] as const)('a moderated rating from %s to %s is %s', (before, after, change) => {
    expect(ratingChange(before, after)).toBe(change);
  });
});

describe('Section 11 cycle', () => {
  it('labels cycles as years and refuses other text', () => {
    expect(parseCycleLabel('2026-27')).toBe('2026/27');
    expect(cycleIdOf('2026/27')).toBe('s11-2026-27');
    expect(() => parseCycleLabel('2026/28')).toThrow(/2026\/27/);
  });

  it('opens, then moves one stage at a time to closed', () => {
    let open = openCycle({ label: '2026/27', frameworkId: framework.id, openedOn: '2026-11-02', dueDate: '2026-12-18', agencyIds: ['police'] }, stamp);
    expect(open.stage).toBe('OPEN');
    expect(() => moveStage(open, 'MODERATION', stamp)).toThrow(/next stage/);
    for (const stage of ['RETURNS_CLOSED', 'MODERATION', 'FEEDBACK', 'CLOSED'] as const) open = moveStage(open, parseS11Stage(stage.toLowerCase()), stamp);
    expect(open.stage).toBe('CLOSED');
    expect(() => moveStage(open, 'OPEN', stamp)).toThrow();
  });

  it('needs a due date after the opening day and agencies to ask', () => {
    expect(() => openCycle({ label: '2026/27', frameworkId: 'f', openedOn: '2026-11-02', dueDate: '2026-11-02', agencyIds: ['a'] }, stamp)).toThrow(/after today/);
    expect(() => openCycle({ label: '2026/27', frameworkId: 'f', openedOn: '2026-11-02', dueDate: '2026-13-02', agencyIds: ['a'] }, stamp)).toThrow(/real date/);
    expect(() => openCycle({ label: '2026/27', frameworkId: 'f', openedOn: '2026-11-02', dueDate: '2026-12-02', agencyIds: [] }, stamp)).toThrow(/nobody/);
  });
});

describe('Section 11 return lifecycle', () => {
  it('saves drafts, and submits only when every standard is rated with evidence and signed off', () => {
    let ret = saveAnswer(newReturn(cycle, 'police', stamp), framework, 'OPEN', '1', { selfRating: 'FULLY_MET' }, stamp);
    expect(ret.status).toBe('DRAFT');
    expect(missingForSubmit(ret, framework)).toEqual([
      { standard: '1', reason: 'rated fully met without evidence' },
      ...['2', '3', '4', '5', '6', '7', '8'].map((standard) => ({ standard, reason: 'not rated' })),
    ]);
    expect(() => submitReturn(ret, framework, 'OPEN', { name: 'Chief Supt', role: 'Head of PPU' }, stamp)).toThrow(/standard 1 rated fully met without evidence/);
    ret = draftedAll();
    expect(() => submitReturn(ret, framework, 'OPEN', { name: ' ', role: 'Head of PPU' }, stamp)).toThrow(/senior officer/);
    const submitted = submitReturn(ret, framework, 'OPEN', { name: 'Chief Supt', role: 'Head of PPU' }, stamp);
    expect(submitted).toMatchObject({ status: 'SUBMITTED', submittedOn: '2026-11-20', signedOffBy: { name: 'Chief Supt', role: 'Head of PPU' } });
    expect(() => saveAnswer(submitted, framework, 'OPEN', '1', { selfRating: 'NOT_MET' }, stamp)).toThrow(/read-only/);
  });

  it('evidence may be a link alone; links must be https; not applicable needs no evidence', () => {
    const ret = saveAnswer(newReturn(cycle, 'police', stamp), framework, 'OPEN', '2', { selfRating: 'MOSTLY_MET', evidenceLinks: ['https://contoso.sharepoint.com/s11/policy.docx'] }, stamp);
    expect(missingForSubmit(ret, framework).find((m) => m.standard === '2')).toBeUndefined();
    expect(() => saveAnswer(ret, framework, 'OPEN', '2', { evidenceLinks: ['http://example.com/x'] }, stamp)).toThrow(/https/);
    expect(() => saveAnswer(ret, framework, 'OPEN', '9', { selfRating: 'FULLY_MET' }, stamp)).toThrow(/not in this cycle/);
    expect(() => saveAnswer(ret, framework, 'OPEN', '3', { improvementActions: [{ description: 'Train', targetDate: '2027-02-30', officerEmail: 'x@nhs.net' }] }, stamp)).toThrow(/actionTargetDate/);
  });

  it('drafting stops when returns close', () => {
    expect(() => saveAnswer(newReturn(cycle, 'police', stamp), framework, 'RETURNS_CLOSED', '1', rated('FULLY_MET'), stamp)).toThrow(/no longer open/);
  });

  it('"same as last cycle" copies last year’s self-assessment for review', () => {
    const previous = saveAnswer(newReturn({ id: 's11-2025-26', label: '2025/26' }, 'police', stamp), framework, 'OPEN', '5', { ...rated('PARTIALLY_MET'), areasForImprovement: 'Refresher training' }, stamp);
    const copied = copyPreviousAnswer(newReturn(cycle, 'police', stamp), previous, framework, 'OPEN', '5', stamp);
    expect(copied.answers['5']).toMatchObject({ selfRating: 'PARTIALLY_MET', areasForImprovement: 'Refresher training', copiedFromPrevious: true });
    expect(() => copyPreviousAnswer(copied, previous, framework, 'OPEN', '6', stamp)).toThrow(/no answer/);
  });

  it('moderation: a query goes back to the agency, the answer returns it, all rated makes it moderated, then feedback', () => {
    let ret = submitReturn(draftedAll(), framework, 'OPEN', { name: 'Chief Supt', role: 'Head of PPU' }, stamp);
    ret = queryStandard(ret, framework, 'MODERATION', '5', 'What share of staff is trained?', { ...stamp, by: 'chair' });
    expect(ret.status).toBe('QUERIED');
    expect(() => saveAnswer(ret, framework, 'OPEN', '1', rated('NOT_MET'), stamp)).toThrow(/read-only/);
    expect(() => answerQuery(ret, framework, 'MODERATION', '6', 'n/a', {}, stamp)).toThrow(/no open PAI query/);
    ret = answerQuery(ret, framework, 'MODERATION', '5', '92% at level 3', { selfRating: 'MOSTLY_MET' }, stamp);
    expect(ret.status).toBe('SUBMITTED');
    expect(ret.answers['5']).toMatchObject({ selfRating: 'MOSTLY_MET', query: { reply: '92% at level 3' } });
    for (const standard of framework.standards.slice(0, 7)) ret = moderateStandard(ret, framework, 'MODERATION', standard.number, 'FULLY_MET', undefined, stamp);
    expect(ret.status).toBe('SUBMITTED');
    expect(() => recordFeedback(ret, 'FEEDBACK', { strengths: 's', areasForDevelopment: 'a', actionRefs: [] }, stamp)).toThrow(/every standard is moderated/);
    ret = moderateStandard(ret, framework, 'MODERATION', '8', 'MOSTLY_MET', 'Sharing guidance is out of date', stamp);
    expect(ret.status).toBe('MODERATED');
    ret = recordFeedback(ret, 'FEEDBACK', { strengths: 'Strong leadership', areasForDevelopment: 'Information sharing', actionRefs: ['S11-2026-27-POLICE-8-1'] }, stamp);
    expect(ret).toMatchObject({ status: 'FEEDBACK_SENT', feedback: { actionRefs: ['S11-2026-27-POLICE-8-1'] } });
    expect(() => moderateStandard(ret, framework, 'FEEDBACK', '1', 'NOT_MET', undefined, stamp)).toThrow(/cannot be moderated/);
  });

  it('a draft cannot be moderated or queried', () => {
    expect(() => moderateStandard(draftedAll(), framework, 'MODERATION', '1', 'FULLY_MET', undefined, stamp)).toThrow(/cannot be moderated/);
  });

  it('lists improvement actions in standard order', () => {
    let ret = saveAnswer(newReturn(cycle, 'police', stamp), framework, 'OPEN', '8', { improvementActions: [{ description: 'Update guidance', targetDate: '2027-03-31', officerEmail: 'a@lancashire.police.uk' }] }, stamp);
    ret = saveAnswer(ret, framework, 'OPEN', '2', { improvementActions: [{ description: 'Publish statement', targetDate: '2027-01-31', officerEmail: 'a@lancashire.police.uk' }] }, stamp);
    expect(improvementActionsOf(ret, framework).map((item) => item.standard)).toEqual(['2', '8']);
  });
});

describe('Section 11 summary figures (hand-checked golden dataset)', () => {
  const standards = [
    { number: '1', title: 'Senior management commitment' },
    { number: '2', title: 'Clear statement of responsibilities' },
    { number: '3', title: 'Clear line of accountability' },
  ];
  const answer = (self?: S11Rating, moderated?: S11Rating): S11Answer => ({ selfRating: self, moderatedRating: moderated, evidenceLinks: [], improvementActions: [] });
  const ret = (agencyId: string, status: S11ReturnStatus, answers: Record<string, S11Answer>) => ({ agencyId, status, answers });
  const summary = s11Summary({
    cycleLabel: '2026/27',
    previousCycleLabel: '2025/26',
    standards,
    agencies: [{ id: 'a', name: 'Agency A' }, { id: 'b', name: 'Agency B' }, { id: 'c', name: 'Agency C' }, { id: 'd', name: 'Agency D' }],
    returns: [
      ret('a', 'FEEDBACK_SENT', { 1: answer('FULLY_MET', 'FULLY_MET'), 2: answer('FULLY_MET', 'MOSTLY_MET'), 3: answer('NOT_APPLICABLE', 'NOT_APPLICABLE') }),
      ret('b', 'SUBMITTED', { 1: answer('FULLY_MET', 'MOSTLY_MET'), 2: answer('PARTIALLY_MET'), 3: answer('NOT_MET') }),
      ret('c', 'DRAFT', { 1: answer('FULLY_MET') }),
    ],
    previousReturns: [
      { agencyId: 'a', answers: { 1: answer('FULLY_MET', 'MOSTLY_MET'), 2: answer('MOSTLY_MET', 'MOSTLY_MET'), 3: answer('NOT_MET', 'NOT_MET') } },
      { agencyId: 'b', answers: { 1: answer('FULLY_MET', 'FULLY_MET') } },
    ],
    actions: [{ status: 'AGREED' }, { status: 'CLOSED' }, { status: 'AGREED' }],
  });

  it('counts returned agencies only, and names those not returned', () => {
    expect(summary).toMatchObject({ asked: 4, returned: 2, notReturned: ['Agency C', 'Agency D'] });
  });

  it('% fully met per standard, self and moderated, leaving not applicable out of the base', () => {
    expect(summary.standards.map((row) => [row.number, row.selfFullyMetPct, row.selfBase, row.moderatedFullyMetPct, row.moderatedBase])).toEqual([
      ['1', 100, 2, 50, 2],
      ['2', 50, 2, 0, 1],
      ['3', 0, 1, undefined, 0],
    ]);
  });

  it('% fully met per agency and overall', () => {
    expect(summary.agencies.map((row) => [row.agency, row.status, row.selfFullyMetPct, row.moderatedFullyMetPct])).toEqual([
      ['Agency A', 'FEEDBACK_SENT', 100, 50],
      ['Agency B', 'SUBMITTED', 33, 0],
      ['Agency C', 'DRAFT', undefined, undefined],
      ['Agency D', 'NOT_STARTED', undefined, undefined],
    ]);
    expect([summary.selfFullyMetPct, summary.moderatedFullyMetPct]).toEqual([60, 33]);
  });

  it('the change of each moderated rating from last cycle', () => {
    expect(summary.agencies[0].cells.map((cell) => cell.change)).toEqual(['better', 'same', undefined]);
    expect(summary.agencies[1].cells.map((cell) => cell.change)).toEqual(['worse', undefined, undefined]);
    expect(summary.standards.map((row) => [row.better, row.same, row.worse])).toEqual([[1, 0, 1], [0, 1, 0], [0, 0, 0]]);
  });

  it('improvement actions by status', () => {
    expect(summary.actionsByStatus).toEqual([{ status: 'AGREED', count: 2 }, { status: 'CLOSED', count: 1 }]);
  });
});

describe('Section 11 chasing', () => {
  // Opened Mon 2 Nov 2026, due Fri 18 Dec: 10 working days before is Fri 4 Dec, 3 before is Tue 15 Dec, then weekly.
  it('chases at open, 10 and 3 working days before the due date, then weekly', () => {
    expect(chaseDays('2026-11-02', '2026-12-18', '2027-01-05', holidays)).toEqual(['2026-11-02', '2026-12-04', '2026-12-15', '2026-12-22', '2026-12-29', '2027-01-05']);
  });

  it('a weekly chase that falls on a bank holiday moves to the next working day', () => {
    // Due Wed 23 Dec: 3 working days before is Fri 18 Dec; +7 is Christmas Day, so Tue 29 Dec (28th is the substitute Boxing Day); +14 is New Year's Day, so Mon 4 Jan.
    expect(chaseDays('2026-11-02', '2026-12-23', '2027-01-04', holidays).slice(2)).toEqual(['2026-12-18', '2026-12-29', '2027-01-04']);
  });

  it('tells the PAI from the third chase, and never chases a return that is in', () => {
    const at = (today: string, status: S11ReturnStatus = 'DRAFT', stage: 'OPEN' | 'RETURNS_CLOSED' = 'OPEN') =>
      chaseDecision({ stage, status, openedOn: '2026-11-02', dueDate: '2026-12-18', today }, holidays);
    expect(at('2026-11-02')).toEqual({ chaseToday: true, chasesSoFar: 1, tellPai: false, isOpeningDay: true });
    expect(at('2026-12-04')).toMatchObject({ chaseToday: true, chasesSoFar: 2, tellPai: false });
    expect(at('2026-12-10')).toMatchObject({ chaseToday: false, chasesSoFar: 2, tellPai: false });
    expect(at('2026-12-15', 'NOT_STARTED')).toMatchObject({ chaseToday: true, chasesSoFar: 3, tellPai: true });
    expect(at('2026-12-15', 'SUBMITTED')).toMatchObject({ chaseToday: false, tellPai: false });
    expect(at('2026-12-15', 'QUERIED')).toMatchObject({ chaseToday: false });
    expect(at('2026-12-15', 'DRAFT', 'RETURNS_CLOSED')).toMatchObject({ chaseToday: false });
  });
});
