import { toRequests } from '../../../src/app/reports/assurance-request-reader';

describe('reading 12-month assurance requests written elsewhere', () => {
  it('reads one record per officer in camelCase', () => {
    expect(toRequests({ id: 'r1', reviewId: 'rv', officerId: 'o1', requestedOn: '2026-08-01', dueOn: '2026-09-01', respondedOn: '2026-08-20T10:00:00Z', evaluation: 'assured' })).toEqual([
      { id: 'r1', reviewId: 'rv', officerId: 'o1', requestedOn: '2026-08-01', dueOn: '2026-09-01', respondedOn: '2026-08-20', evaluation: 'ASSURED' },
    ]);
  });

  it('reads domain.md snake_case with a nested list of officers', () => {
    const read = toRequests({ id: 'r2', review_id: 'rv', requested_on: '2026-08-01', due_on: '2026-09-01', officers: [{ responsible_officer_id: 'o1', response_on: '2026-08-10', pai_evaluation: 'NOT ASSURED' }, { responsible_officer_id: 'o2' }] });
    expect(read).toHaveLength(2);
    expect(read[0]).toMatchObject({ id: 'r2#0', officerId: 'o1', respondedOn: '2026-08-10', evaluation: 'NOT_ASSURED' });
    expect(read[1]).toMatchObject({ id: 'r2#1', officerId: 'o2', dueOn: '2026-09-01', respondedOn: undefined, evaluation: undefined });
  });

  it('skips a record without a review or request date, and ignores unknown evaluations', () => {
    expect(toRequests({ id: 'x', requestedOn: '2026-08-01' })).toEqual([]);
    expect(toRequests({ id: 'y', reviewId: 'rv', requestedOn: 'soon' })).toEqual([]);
    expect(toRequests({ id: 'z', reviewId: 'rv', requestedOn: '2026-08-01', evaluation: 'maybe' })[0].evaluation).toBeUndefined();
  });
});
