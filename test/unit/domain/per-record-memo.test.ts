import { DEFAULT_RAG_SETTINGS } from '../../../src/domain/actions/rag';
import { PerRecordMemo } from '../../../src/domain/reports/common';
import { meetingStatusReport, type MeetingStatusInput } from '../../../src/domain/reports/meeting-status';
import { meetingStatusDocument } from '../../../src/domain/reports/report-document';
import { ACTIONS, AGENCY_REFS, MEETINGS, MEMBERS, NOW, REVIEWS, TODAY } from '../../fixtures/reports-dataset';

function deepFrozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFrozen(inner);
  }
  return value;
}

describe('PerRecordMemo', () => {
  it('keeps what it derived from a frozen record while the context is the same', () => {
    const memo = new PerRecordMemo<{ id: string }, { text: string }>();
    const record = Object.freeze({ id: 'a' });
    let derived = 0;
    const derive = (day: string) => () => ({ text: `${record.id} on ${day} (${(derived += 1)})` });
    const first = memo.get(record, derive('2026-12-07'), ['2026-12-07']);
    expect(memo.get(record, derive('2026-12-07'), ['2026-12-07'])).toBe(first);
    expect(derived).toBe(1);
    expect(Object.isFrozen(first)).toBe(true);
    // Another day is another value.
    expect(memo.get(record, derive('2026-12-08'), ['2026-12-08']).text).toBe('a on 2026-12-08 (2)');
  });

  it('derives again every time for a record that is not frozen, as it could have changed', () => {
    const memo = new PerRecordMemo<{ id: string }, { text: string }>();
    const record = { id: 'a' };
    expect(memo.get(record, () => ({ text: record.id })).text).toBe('a');
    record.id = 'b';
    expect(memo.get(record, () => ({ text: record.id })).text).toBe('b');
  });
});

describe('status rows kept per frozen action', () => {
  const people = MEMBERS.map((member) => ({ id: member.id, name: member.name }));
  const frozenActions = ACTIONS.map((action) => deepFrozen(structuredClone(action)));
  const input = (overrides: Partial<MeetingStatusInput> = {}): MeetingStatusInput => ({
    today: TODAY, generatedAt: NOW, actions: frozenActions, reviews: REVIEWS, agencies: AGENCY_REFS, people, meetings: MEETINGS, rag: DEFAULT_RAG_SETTINGS, ...overrides,
  });
  const fresh = (overrides: Partial<MeetingStatusInput> = {}) => meetingStatusReport({ ...input(overrides), actions: structuredClone(ACTIONS) });

  it('reuses the rows, card items and file rows of unchanged actions, with the same figures as a fresh report', () => {
    const first = meetingStatusReport(input());
    const second = meetingStatusReport(input());
    expect(second.rows.length).toBeGreaterThan(0);
    second.rows.forEach((row, index) => expect(row).toBe(first.rows[index]));
    expect(second).toEqual(fresh());
    const [firstDoc, secondDoc] = [meetingStatusDocument(first), meetingStatusDocument(second)];
    expect(secondDoc.sections[0].items[0]).toBe(firstDoc.sections[0].items[0]);
    expect(secondDoc.tables[0].rows[0]).toBe(firstDoc.tables[0].rows[0]);
    expect(secondDoc).toEqual(meetingStatusDocument(fresh()));
  });

  it('rates again on another day, and relabels when an agency or review is renamed', () => {
    meetingStatusReport(input());
    const later = { today: '2027-06-30' };
    expect(meetingStatusReport(input(later))).toEqual(fresh(later));
    expect(meetingStatusReport(input(later)).ragCounts).not.toEqual(meetingStatusReport(input()).ragCounts);
    const renamed = { agencies: AGENCY_REFS.map((agency) => ({ ...agency, name: `${agency.name} (renamed)` })), reviews: REVIEWS.map((review) => ({ ...review, pseudonym: `${review.pseudonym}+` })) };
    const report = meetingStatusReport(input(renamed));
    expect(report).toEqual(fresh(renamed));
    expect(report.rows.every((row) => row.agency.endsWith('(renamed)') && row.review.endsWith('+)'))).toBe(true);
  });
});
