import { addDays } from '../../../src/domain/calendar';
import { ValidationError } from '../../../src/domain/errors';
import { DEFAULT_RAG_SETTINGS, RAGS, deriveRag, parseRag, ragLabel, type RagInput } from '../../../src/domain/actions/rag';

const TODAY = '2026-05-01';
const days = (n: number): string => addDays(TODAY, n);

// An in-progress action that is plainly on track: target far off, updated yesterday, never extended.
function onTrack(overrides: Partial<RagInput> = {}): RagInput {
  return {
    status: 'IN_PROGRESS',
    currentTargetDate: days(120),
    extensionCount: 0,
    agreedOn: days(-60),
    lastUpdate: { by: 'aad-officer', byName: 'Jo Officer', on: `${days(-1)}T10:00:00.000Z` },
    createdAt: `${days(-90)}T09:00:00.000Z`,
    ...overrides,
  };
}

describe('deriveRag (domain.md §2, defaults 30/90/30 days)', () => {
  it.each([
    ['on track', onTrack(), 'GREEN', ['On track: target in 120 days']],

    ['closed, even past target', onTrack({ status: 'CLOSED', currentTargetDate: days(-100) }), 'BLUE', ['Closed']],
    ['impact evidenced, even past target', onTrack({ status: 'IMPACT_EVIDENCED', currentTargetDate: days(-5) }), 'BLUE', ['Complete: impact evidenced, awaiting sign-off']],
    // Issue 14: a withdrawn action is not Blue (complete); it is counted apart as withdrawn.
    ['withdrawn', onTrack({ status: 'WITHDRAWN', currentTargetDate: days(-5) }), 'WITHDRAWN', ['Withdrawn']],
    ['superseded', onTrack({ status: 'SUPERSEDED' }), 'WITHDRAWN', ['Superseded']],

    ['target yesterday', onTrack({ currentTargetDate: days(-1) }), 'RED', ['Past its target date by 1 day']],
    ['target 40 days ago', onTrack({ currentTargetDate: days(-40) }), 'RED', ['Past its target date by 40 days']],
    ['awaiting evidence past target', onTrack({ status: 'COMPLETED_AWAITING_EVIDENCE', currentTargetDate: days(-3) }), 'RED', ['Past its target date by 3 days']],
    ['evidence submitted past target', onTrack({ status: 'EVIDENCE_SUBMITTED', currentTargetDate: days(-3) }), 'RED', ['Past its target date by 3 days']],
    ['proposal past target', onTrack({ status: 'PROPOSED', agreedOn: undefined, currentTargetDate: days(-3) }), 'RED', ['Past its target date by 3 days']],
    ['agreed 30 days ago, not started', onTrack({ status: 'AGREED', agreedOn: days(-30) }), 'RED', ['Not started 30 days after being agreed']],
    ['agreed 29 days ago, not started', onTrack({ status: 'AGREED', agreedOn: days(-29) }), 'GREEN', ['On track: target in 120 days']],
    [
      'not started and past target',
      onTrack({ status: 'AGREED', agreedOn: days(-45), currentTargetDate: days(-2) }),
      'RED',
      ['Past its target date by 2 days', 'Not started 45 days after being agreed'],
    ],
    ['in progress long after agreement', onTrack({ agreedOn: days(-200) }), 'GREEN', ['On track: target in 120 days']],

    ['target today', onTrack({ currentTargetDate: TODAY }), 'AMBER', ['Target date is today']],
    ['target in 1 day', onTrack({ currentTargetDate: days(1) }), 'AMBER', ['Target date is within 1 day']],
    ['target in 30 days', onTrack({ currentTargetDate: days(30) }), 'AMBER', ['Target date is within 30 days']],
    ['target in 31 days', onTrack({ currentTargetDate: days(31) }), 'GREEN', ['On track: target in 31 days']],
    ['last update 90 days ago', onTrack({ lastUpdate: { by: 'a', byName: 'A', on: `${days(-90)}T12:00:00.000Z` } }), 'AMBER', ['No update for 90 days']],
    ['last update 89 days ago', onTrack({ lastUpdate: { by: 'a', byName: 'A', on: `${days(-89)}T12:00:00.000Z` } }), 'GREEN', ['On track: target in 120 days']],
    // Issue 14: never updated reads "No update yet", as the last-update line beside it does, not "No update for N days".
    ['no update since agreement 90 days ago', onTrack({ lastUpdate: undefined, agreedOn: days(-90) }), 'AMBER', ['No update yet, 90 days since it was agreed']],
    ['no update or agreement since creation', onTrack({ status: 'PROPOSED', lastUpdate: undefined, agreedOn: undefined, createdAt: `${days(-100)}T09:00:00.000Z` }), 'AMBER', ['No update yet, 100 days since it was recorded']],
    ['extended once', onTrack({ extensionCount: 1 }), 'AMBER', ['Target extended once']],
    ['extended three times', onTrack({ extensionCount: 3 }), 'AMBER', ['Target extended 3 times']],
    [
      'every amber rule at once',
      onTrack({ currentTargetDate: days(10), extensionCount: 2, lastUpdate: { by: 'a', byName: 'A', on: `${days(-95)}T12:00:00.000Z` } }),
      'AMBER',
      ['Target date is within 10 days', 'No update for 95 days', 'Target extended 2 times'],
    ],
  ] as const)('%s -> %s', (_case, action, rag, reasons) => {
    const result = deriveRag(action, TODAY);
    expect(result).toEqual({ rag, reasons, overridden: false, derivedRag: rag });
  });

  it('reads the last update in London time: 23:30 UTC in summer is already the next day', () => {
    const today = '2026-09-29';
    const action = onTrack({ currentTargetDate: '2027-03-31', agreedOn: '2026-04-01' });
    const at = (on: string): RagInput => ({ ...action, lastUpdate: { by: 'a', byName: 'A', on } });
    expect(deriveRag(at('2026-07-01T23:30:00.000Z'), today).rag).toBe('GREEN');
    expect(deriveRag(at('2026-07-01T22:30:00.000Z'), today).rag).toBe('AMBER');
  });

  it.each([
    [{ amberWithinDays: 14 }, onTrack({ currentTargetDate: days(20) }), 'GREEN'],
    [{ amberWithinDays: 14 }, onTrack({ currentTargetDate: days(14) }), 'AMBER'],
    [{ staleAfterDays: 60 }, onTrack({ lastUpdate: { by: 'a', byName: 'A', on: `${days(-60)}T12:00:00.000Z` } }), 'AMBER'],
    [{ notStartedAfterDays: 10 }, onTrack({ status: 'AGREED', agreedOn: days(-10) }), 'RED'],
    [{ notStartedAfterDays: 10 }, onTrack({ status: 'AGREED', agreedOn: days(-9) }), 'GREEN'],
  ] as const)('thresholds are settings: %p', (override, action, rag) => {
    expect(deriveRag(action, TODAY, { ...DEFAULT_RAG_SETTINGS, ...override }).rag).toBe(rag);
  });

  it('a manual override with a reason wins and says so', () => {
    const result = deriveRag(onTrack({ ragOverride: { rag: 'RED', reason: 'Key post vacant', by: 'aad-chair', on: '2026-04-20' } }), TODAY);
    expect(result).toEqual({
      rag: 'RED',
      reasons: ['Set manually: Key post vacant', 'The rules give Green – on track'],
      overridden: true,
      derivedRag: 'GREEN',
    });
  });

  it.each([
    ['a blank reason', onTrack({ ragOverride: { rag: 'RED', reason: '  ', by: 'aad-chair', on: '2026-04-20' } }), 'GREEN'],
    ['a closed action', onTrack({ status: 'CLOSED', ragOverride: { rag: 'RED', reason: 'Stale', by: 'aad-chair', on: '2026-04-20' } }), 'BLUE'],
  ] as const)('ignores an override with %s', (_case, action, rag) => {
    const result = deriveRag(action, TODAY);
    expect(result.rag).toBe(rag);
    expect(result.overridden).toBe(false);
  });
});

describe('RAG words', () => {
  it.each([
    ['BLUE', 'Blue – complete'],
    ['GREEN', 'Green – on track'],
    ['AMBER', 'Amber – at risk'],
    ['RED', 'Red – off track'],
  ] as const)('%s reads "%s" so colour is never the only signal', (rag, label) => {
    expect(ragLabel(rag)).toBe(label);
  });

  it('labels every rating distinctly', () => {
    expect(new Set(RAGS.map(ragLabel)).size).toBe(RAGS.length);
  });

  it.each([
    ['red', 'RED'],
    [' Amber ', 'AMBER'],
    ['GREEN', 'GREEN'],
    ['blue', 'BLUE'],
  ])('parseRag(%p) = %s', (text, rag) => {
    expect(parseRag(text)).toBe(rag);
  });

  it('refuses unknown ratings', () => {
    expect(() => parseRag('purple')).toThrow(ValidationError);
  });
});
