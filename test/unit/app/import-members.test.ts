import { importMembers } from '../../../src/app/imports/import-members';
import { KIND } from '../../../src/app/kernel/kinds';
import { ImportRejectedError } from '../../../src/domain/errors';
import type { Member } from '../../../src/domain/directory/member';
import { listAll } from '../../../src/ports/document-store';
import { createTestContext, TestContext } from '../../support/test-context';

const row = (overrides: Record<string, string> = {}) => ({
  aad_object_id: '6f1c2d3e-4a5b-4c6d-8e7f-901234567890',
  name: 'Jo Example',
  email: 'jo.example@lancashire.gov.uk',
  agency: 'Lancashire Constabulary',
  roles: 'agency_rep;Responsible_Officer',
  ...overrides,
});

async function rejection(ctx: TestContext, rows: Record<string, string>[]): Promise<ImportRejectedError> {
  try {
    await importMembers(ctx, 'test', rows);
  } catch (error) {
    if (error instanceof ImportRejectedError) return error;
    throw error;
  }
  throw new Error('expected the import to be rejected');
}

describe('importMembers', () => {
  let ctx: TestContext;
  beforeEach(async () => {
    ctx = await createTestContext();
  });

  it('imports valid rows with roles case-insensitively and the agency by name', async () => {
    const summary = await importMembers(ctx, 'test', [row(), row({ aad_object_id: '7A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D', name: 'Sam', email: 'sam@nhs.net', agency: '', roles: 'PAI_CHAIR' })]);
    expect(summary).toEqual({ created: 2, updated: 0 });
    const members = await listAll<Member>(ctx.store, KIND.member, ctx.partnershipId);
    expect(members.find((member) => member.name === 'Jo Example')).toMatchObject({ agencyId: 'lancashire-constabulary', roles: ['AGENCY_REP', 'RESPONSIBLE_OFFICER'] });
    expect(members.find((member) => member.name === 'Sam')?.id).toBe('7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d');
    expect(await listAll(ctx.store, KIND.audit, ctx.partnershipId, { where: { operation: 'import-create' } })).toHaveLength(2);
  });

  it('updates a member on re-import, keeping who created them', async () => {
    await importMembers(ctx, 'first', [row()]);
    const summary = await importMembers(ctx, 'second', [row({ name: 'Jo Renamed' })]);
    expect(summary).toEqual({ created: 0, updated: 1 });
    const [member] = await listAll<Member>(ctx.store, KIND.member, ctx.partnershipId);
    expect(member).toMatchObject({ name: 'Jo Renamed', createdBy: 'first', updatedBy: 'second' });
  });

  it('rejects the whole file, listing row, column and reason, and writes nothing', async () => {
    const error = await rejection(ctx, [
      row(),
      row({ aad_object_id: 'not-a-guid' }),
      row({ aad_object_id: '11111111-1111-4111-8111-111111111111', email: 'nope', roles: 'CHAIRPERSON' }),
      row({ aad_object_id: '22222222-2222-4222-8222-222222222222', agency: 'Lancashire Constabularly' }),
      row({ aad_object_id: '33333333-3333-4333-8333-333333333333', agency: '' }),
      row(),
    ]);
    expect(error.problems).toEqual([
      { row: 3, column: 'aad_object_id', reason: expect.stringMatching(/AAD object id/) },
      { row: 4, column: 'email', reason: 'not an email address' },
      { row: 4, column: 'roles', reason: expect.stringMatching(/"CHAIRPERSON" is not a role/) },
      { row: 5, column: 'agency', reason: expect.stringMatching(/did you mean Lancashire Constabulary/) },
      { row: 6, column: 'agency', reason: expect.stringMatching(/needed for agency representatives/) },
      { row: 7, column: 'aad_object_id', reason: 'the same person is already on row 2' },
    ]);
    expect(await listAll(ctx.store, KIND.member, ctx.partnershipId)).toHaveLength(0);
    expect(await listAll(ctx.store, KIND.audit, ctx.partnershipId)).toHaveLength(0);
  });

  it('names missing columns and refuses an empty file', async () => {
    const missing = await rejection(ctx, [{ name: 'x', email: 'x@y.z' }]);
    expect(missing.problems.map((problem) => problem.column)).toEqual(['aad_object_id', 'agency', 'roles']);
    const empty = await rejection(ctx, []);
    expect(empty.problems[0].reason).toMatch(/no data rows/);
  });

  it('imports more rows than one commit holds', async () => {
    const rows = Array.from({ length: 250 }, (_, index) =>
      row({ aad_object_id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, name: `Person ${index}` }),
    );
    const progress: number[] = [];
    await importMembers(ctx, 'test', rows, (done) => progress.push(done));
    expect(await listAll(ctx.store, KIND.member, ctx.partnershipId)).toHaveLength(250);
    expect(progress[progress.length - 1]).toBe(250);
  });
});
