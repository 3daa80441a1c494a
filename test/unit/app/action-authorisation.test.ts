import { randomUUID } from 'node:crypto';
import { actionIdOf, addAction } from '../../../src/app/actions/actions';
import { assureAction, AssuranceDecision } from '../../../src/app/actions/assure-action';
import { identifyUser } from '../../../src/app/directory/identify-user';
import { importActions } from '../../../src/app/imports/import-actions';
import { KIND } from '../../../src/app/kernel/kinds';
import { planActionPosts } from '../../../src/app/actions/post-actions';
import { createReview } from '../../../src/app/reviews/reviews';
import { updateAction } from '../../../src/app/actions/update-action';
import type { Action } from '../../../src/domain/actions/action';
import { ForbiddenError } from '../../../src/domain/errors';
import type { Actor } from '../../../src/domain/directory/member';
import { PEOPLE } from '../../support/activities';
import { REVIEW_REF, seedReviewWithActions } from '../../support/review-fixtures';
import { addMember, createTestContext, TestContext } from '../../support/test-context';

type Who = 'admin' | 'chair' | 'lsbu' | 'policeRep' | 'healthRep' | 'viewer' | 'stranger' | 'officerElsewhere';
type Operation = 'update own agency action' | 'agree' | 'assure' | 'challenge' | 'close' | 'withdraw' | 'create review' | 'add action' | 'import actions' | 'post actions';

/**
 * Who may do what (issue 3): the officer and their agency's reps update; only the PAI chair and business unit
 * agree, assure, challenge, close or withdraw; only the business unit and admins set up and post plans.
 */
const ALLOWED: Record<Operation, Who[]> = {
  'update own agency action': ['policeRep'],
  agree: ['chair', 'lsbu'],
  assure: ['chair', 'lsbu'],
  challenge: ['chair', 'lsbu'],
  close: ['chair', 'lsbu'],
  withdraw: ['chair', 'lsbu'],
  'create review': ['admin', 'lsbu'],
  'add action': ['admin', 'lsbu'],
  'import actions': ['admin', 'lsbu'],
  'post actions': ['admin', 'lsbu'],
};
const EVERYONE: Who[] = ['admin', 'chair', 'lsbu', 'policeRep', 'healthRep', 'viewer', 'stranger', 'officerElsewhere'];
const CASES = (Object.keys(ALLOWED) as Operation[]).flatMap((operation) => EVERYONE.map((who) => [operation, who, ALLOWED[operation].includes(who)] as const));

describe('authorisation: role x operation', () => {
  let ctx: TestContext;
  const people: Record<Who, { aadObjectId: string; name: string }> = {
    ...PEOPLE,
    viewer: { aadObjectId: '00000000-0000-4000-8000-000000000006', name: 'Vic Viewer' },
    officerElsewhere: { aadObjectId: '00000000-0000-4000-8000-000000000007', name: 'Olu Officer' },
  };

  beforeEach(async () => {
    ctx = await createTestContext();
    await seedReviewWithActions(ctx);
    await addMember(ctx, people.viewer, ['VIEWER']);
    await addMember(ctx, people.officerElsewhere, ['RESPONSIBLE_OFFICER'], 'lsc-icb');
  });

  /** Sets the action up so that the operation is allowed by the lifecycle, then returns its card key. */
  async function prepare(operation: Operation): Promise<{ actionId: string; etag: string; submissionId: string }> {
    const id = actionIdOf(`${REVIEW_REF}/${operation === 'agree' ? 'A4' : 'A1'}`);
    const action = (await ctx.store.get<Action>(KIND.action, ctx.partnershipId, id)) as Action & { etag: string };
    if (operation === 'assure' || operation === 'close' || operation === 'challenge') {
      const { etag: _etag, partnershipId: _p, ...doc } = { ...action, status: 'EVIDENCE_SUBMITTED', completionEvidence: 'Done', impactStatement: 'Practice changed' } as Action & { etag: string; partnershipId: string };
      const saved = await ctx.store.update(KIND.action, ctx.partnershipId, doc, { ifMatch: action.etag });
      return { actionId: id, etag: saved.etag, submissionId: randomUUID() };
    }
    return { actionId: id, etag: action.etag, submissionId: randomUUID() };
  }

  async function attempt(operation: Operation, actor: Actor, key: { actionId: string; etag: string; submissionId: string }): Promise<void> {
    switch (operation) {
      case 'update own agency action':
        await updateAction(ctx, actor, key, { note: 'Progress made' });
        return;
      case 'create review':
        await createReview(ctx, actor, { reference: 'LSCP-RR-2026-77', type: 'RAPID_REVIEW', pseudonym: 'Child Q' });
        return;
      case 'add action':
        await addAction(ctx, actor, REVIEW_REF, { ref: 'A9', agency: 'Police', responsible_officer_email: 'pat@lancashire.gov.uk', description: 'Audit practice', success_measure: 'Audit done', target_date: '2027-01-01' });
        return;
      case 'import actions':
        await importActions(ctx, actor, [{ review_reference: REVIEW_REF, ref: 'A8', scope: '', agency: 'Police', responsible_officer_email: 'pat@lancashire.gov.uk', themes: '', description: 'Audit practice', success_measure: 'Audit done', target_date: '2027-01-01', status: 'AGREED' }]);
        return;
      case 'post actions':
        await planActionPosts(ctx, actor, REVIEW_REF);
        return;
      default:
        await assureAction(ctx, actor, key, operation as AssuranceDecision, { rationale: 'Decided at the PAI meeting', closeWithoutImpact: false });
    }
  }

  it.each(CASES)('%s by %s: allowed = %s', async (operation, who, allowed) => {
    const actor = await identifyUser(ctx, people[who].aadObjectId, people[who].name);
    const key = await prepare(operation);
    const snapshot = async () =>
      JSON.stringify(await Promise.all([KIND.action, KIND.review, KIND.audit, KIND.progress].map(async (kind) => (await ctx.store.list(kind, ctx.partnershipId, { pageSize: 1000 })).items)));
    const before = await snapshot();
    const result = attempt(operation, actor, key);
    if (allowed) {
      await expect(result).resolves.toBeUndefined();
    } else {
      await expect(result).rejects.toBeInstanceOf(ForbiddenError);
      expect(await snapshot()).toBe(before);
    }
  });
});
