import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store';
import { BankHolidayCalendar } from '../../src/adapters/system/bank-holiday-calendar';
import { buildAppContext } from '../../src/app/kernel/build-context';
import { DEFAULT_RAG_SETTINGS } from '../../src/domain/actions/rag';
import type { AppContext } from '../../src/app/kernel/app-context';
import { KIND } from '../../src/app/kernel/kinds';
import { seedReferenceData } from '../../src/app/setup/seed-reference-data';
import type { Member } from '../../src/domain/directory/member';
import type { Role } from '../../src/domain/roles';
import type { DocumentStore } from '../../src/ports/document-store';
import { PEOPLE, Person } from './activities';
import { FixedClock } from './fixed-clock';
import { MemoryLogger } from './silent-logger';

export interface TestContext extends AppContext {
  clock: FixedClock;
  logger: MemoryLogger;
}

/** A use-case context on an in-memory SQLite store with the Lancashire reference data seeded. */
export async function createTestContext(store: DocumentStore = new SqliteStore(':memory:'), options: { reportMirrors?: boolean } = {}): Promise<TestContext> {
  const ctx = buildAppContext(
    {
      partnershipId: 'test-partnership',
      partnershipName: 'Test Safeguarding Children Partnership',
      adminAadObjectIds: [PEOPLE.admin.aadObjectId],
      workEmailDomains: ['lancashire.gov.uk', 'nhs.net', 'lancashire.police.uk'],
      rag: { ...DEFAULT_RAG_SETTINGS },
      assuranceClockStart: 'MANUAL',
      reportMirrors: options.reportMirrors,
    },
    { store, clock: new FixedClock(), logger: new MemoryLogger(), holidays: new BankHolidayCalendar() },
  ) as TestContext;
  await seedReferenceData(ctx);
  return ctx;
}

/** Registers a member directly in the store. */
export async function addMember(ctx: AppContext, person: Person, roles: Role[], agencyId?: string): Promise<Member> {
  const now = ctx.clock.now().toISOString();
  const member: Member = {
    id: person.aadObjectId,
    name: person.name,
    email: `${person.name.split(' ')[0].toLowerCase()}@lancashire.gov.uk`,
    agencyId,
    roles,
    active: true,
    createdAt: now,
    createdBy: 'test',
    updatedAt: now,
    updatedBy: 'test',
  };
  await ctx.store.upsert(KIND.member, ctx.partnershipId, member);
  return member;
}

/** The usual cast: chair, business unit, a police rep and a health rep. */
export async function addStandardMembers(ctx: AppContext): Promise<void> {
  await addMember(ctx, PEOPLE.chair, ['PAI_CHAIR']);
  await addMember(ctx, PEOPLE.lsbu, ['LSBU_OFFICER']);
  await addMember(ctx, PEOPLE.policeRep, ['AGENCY_REP', 'RESPONSIBLE_OFFICER'], 'lancashire-constabulary');
  await addMember(ctx, PEOPLE.healthRep, ['AGENCY_REP'], 'lthtr');
}
