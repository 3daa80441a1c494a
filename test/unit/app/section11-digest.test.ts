import { CardRenderer } from '../../../src/cards/render';
import { s11InvitationPayload } from '../../../src/cards/s11-cards';
import { KIND } from '../../../src/app/kernel/kinds';
import { section11DigestSource } from '../../../src/app/section11/digest';
import { openS11Cycle } from '../../../src/app/section11/open-cycle';
import type { DigestEntry } from '../../../src/app/reminders/digest-entry';
import { newReturn } from '../../../src/domain/section11/return';
import { PEOPLE } from '../../support/activities';
import { addStandardMembers, createTestContext, type TestContext } from '../../support/test-context';

const POLICE = 'lancashire-constabulary';
const lsbu = { aadObjectId: PEOPLE.lsbu.aadObjectId, name: 'Lee', roles: ['LSBU_OFFICER' as const] };

describe('Section 11 digest source (chasing)', () => {
  let ctx: TestContext;
  const cards = new CardRenderer();
  const digestOn = (today: string) => section11DigestSource({ ctx, today, now: `${today}T08:00:00.000Z` });
  const forPolice = (entries: DigestEntry[]) => entries.filter((entry) => JSON.stringify(entry).includes(POLICE) || entry.to.kind === 'member' && entry.to.memberId === PEOPLE.policeRep.aadObjectId);

  beforeEach(async () => {
    ctx = await createTestContext();
    await addStandardMembers(ctx);
    ctx.clock.set('2026-11-02T09:00:00.000Z');
    await openS11Cycle(ctx, lsbu, '2026/27 due 2026-12-18', (input) => s11InvitationPayload(cards, input));
  });

  it('at open only the reps hear (the channel has the invitation); nothing on other days until 10 working days before', async () => {
    const opening = forPolice(await digestOn('2026-11-02'));
    expect(opening.map((entry) => entry.to)).toEqual([{ kind: 'member', memberId: PEOPLE.policeRep.aadObjectId }]);
    expect(opening[0]).toMatchObject({ section: 'Section 11 audit', title: 'Section 11 audit 2026/27 is open: your return is due 18 Dec 2026', command: 's11 return' });
    expect(await digestOn('2026-11-20')).toEqual([]);
  });

  it('10 and 3 working days before, reps and channel; from the third chase the PAI channel names the agency', async () => {
    const ten = forPolice(await digestOn('2026-12-04'));
    expect(ten.map((entry) => entry.to.kind).sort()).toEqual(['agency-channel', 'member']);
    const three = await digestOn('2026-12-15');
    const pai = three.filter((entry) => entry.to.kind === 'pai-channel');
    expect(pai.map((entry) => entry.title)).toContain('Lancashire Constabulary has not returned its Section 11 self-assessment');
    expect(pai.find((entry) => entry.title.startsWith('Lancashire Constabulary'))).toMatchObject({ detail: 'Chased 3 times; due 18 Dec 2026.', urgency: 3 });
    // Weekly after that, late.
    expect(forPolice(await digestOn('2026-12-22')).some((entry) => entry.title.endsWith('and is late'))).toBe(true);
  });

  it('nobody is chased once their return is in; a queried return is on the reps’ digest', async () => {
    const submitted = { ...newReturn({ id: 's11-2026-27', label: '2026/27' }, POLICE, { by: 't', on: '2026-11-10T10:00:00.000Z' }), status: 'SUBMITTED' as const };
    await ctx.store.create(KIND.s11Return, ctx.partnershipId, submitted);
    expect(forPolice(await digestOn('2026-12-15'))).toEqual([]);
    const stored = await ctx.store.get<typeof submitted>(KIND.s11Return, ctx.partnershipId, submitted.id);
    await ctx.store.update(KIND.s11Return, ctx.partnershipId, { ...submitted, status: 'QUERIED' }, { ifMatch: stored?.etag as string });
    expect(forPolice(await digestOn('2026-11-20')).map((entry) => entry.title)).toEqual(['The PAI has a question on your Section 11 return 2026/27']);
  });

  it('is deterministic for a day', async () => {
    expect(await digestOn('2026-12-15')).toEqual(await digestOn('2026-12-15'));
  });
});
