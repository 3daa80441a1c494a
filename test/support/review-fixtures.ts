import type { Actor } from '../../src/domain/directory/member';
import { importActions } from '../../src/app/imports/import-actions';
import { importReviews } from '../../src/app/imports/import-reviews';
import { identifyUser } from '../../src/app/directory/identify-user';
import { PEOPLE } from './activities';
import { addStandardMembers, TestContext } from './test-context';

export const REVIEW_REF = 'LSCP-RR-2026-01';

/** A review with four actions for police and health, imported the way the business unit would. */
export async function seedReviewWithActions(ctx: TestContext): Promise<Actor> {
  await addStandardMembers(ctx);
  const lsbu = await identifyUser(ctx, PEOPLE.lsbu.aadObjectId, PEOPLE.lsbu.name);
  await importReviews(ctx, lsbu, [
    { reference: REVIEW_REF, type: 'rapid_review', pseudonym: 'Child A', sin_date: '2026-01-12', rr_submitted_on: '2026-01-30', decision: 'NO_FURTHER_REVIEW', decision_date: '2026-02-20', published_on: '', completed_on: '2026-03-01', themes: 'Neglect; Information sharing' },
  ]);
  const row = (ref: string, agency: string, email: string, status: string, target: string) => ({
    review_reference: REVIEW_REF,
    ref,
    scope: 'single_agency',
    agency,
    responsible_officer_email: email,
    themes: '',
    description: `Refresh multi-agency training on information sharing (${ref})`,
    success_measure: 'Audit of 20 cases shows timely sharing',
    target_date: target,
    status,
  });
  await importActions(ctx, lsbu, [
    row('A1', 'Lancashire Constabulary', 'pat@lancashire.gov.uk', 'IN_PROGRESS', '2027-03-31'),
    row('A2', 'Lancashire Constabulary', 'pat@lancashire.gov.uk', 'AGREED', '2026-10-31'),
    row('A3', 'LTHTR', 'hana@lancashire.gov.uk', 'IN_PROGRESS', '2027-01-31'),
    row('A4', 'LTHTR', 'hana@lancashire.gov.uk', 'proposed', '2027-06-30'),
  ]);
  return lsbu;
}
