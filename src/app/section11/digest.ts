import { daysBetween } from '../../domain/calendar';
import { chaseDecision } from '../../domain/section11/chase';
import type { DigestEntry, DigestSource } from '../reminders/digest-entry';
import { formatDay } from '../../domain/section11/day-text';
import { listCycles, listReturns } from './records';

const SECTION = 'Section 11 audit';

/**
 * Section 11 lines for today's digest (issue 11, item 5). An agency that has not submitted is chased on the day the
 * cycle opens (its reps; the channel gets the outbox invitation), 10 and 3 working days before the due date, then
 * weekly: its reps and its channel. From the third chase the PAI channel hears the agency's name. An agency whose
 * return is in is never chased. A return the PAI queried is on its reps' digest every day until answered.
 */
export const section11DigestSource: DigestSource = async ({ ctx, today }) => {
  const cycles = (await listCycles(ctx)).filter((cycle) => cycle.stage === 'OPEN' || cycle.stage === 'RETURNS_CLOSED' || cycle.stage === 'MODERATION' || cycle.stage === 'FEEDBACK');
  if (cycles.length === 0) return [];
  const [agencies, members] = await Promise.all([
    ctx.stores.agencies.all(),
    ctx.stores.members.all({ where: { active: true } }),
  ]);
  const agencyById = new Map(agencies.map((agency) => [agency.id, agency]));
  const repsOf = (agencyId: string) => members.filter((member) => member.agencyId === agencyId && member.roles.includes('AGENCY_REP')).sort((a, b) => a.id.localeCompare(b.id));
  const entries: DigestEntry[] = [];
  for (const cycle of cycles) {
    const returns = new Map((await listReturns(ctx, cycle.id)).map((ret) => [ret.agencyId, ret]));
    const urgency = daysBetween(today, cycle.dueDate);
    const due = formatDay(cycle.dueDate);
    for (const agencyId of [...cycle.agencyIds].sort()) {
      const agency = agencyById.get(agencyId);
      if (!agency?.active) continue;
      const ret = returns.get(agencyId);
      const status = ret?.status ?? 'NOT_STARTED';
      if (status === 'QUERIED') {
        for (const rep of repsOf(agencyId)) {
          entries.push({ to: { kind: 'member', memberId: rep.id }, urgency, section: SECTION, title: `The PAI has a question on your Section 11 return ${cycle.label}`, detail: 'Open the queried standard to answer it.', command: 's11 return' });
        }
        continue;
      }
      const decision = chaseDecision({ stage: cycle.stage, status, openedOn: cycle.openedOn, dueDate: cycle.dueDate, today }, ctx.holidays);
      if (!decision.chaseToday) continue;
      const title = decision.isOpeningDay ? `Section 11 audit ${cycle.label} is open: your return is due ${due}` : `Your Section 11 return ${cycle.label} is due ${due}${urgency < 0 ? ' and is late' : ''}`;
      const detail = status === 'DRAFT' ? 'Your draft is saved: finish it and submit with your senior officer’s sign-off.' : 'Not started yet.';
      for (const rep of repsOf(agencyId)) entries.push({ to: { kind: 'member', memberId: rep.id }, urgency, section: SECTION, title, detail, command: 's11 return' });
      if (!decision.isOpeningDay) entries.push({ to: { kind: 'agency-channel', agencyId }, urgency, section: SECTION, title, detail, command: 's11 return' });
      if (decision.tellPai) {
        entries.push({
          to: { kind: 'pai-channel' },
          urgency,
          section: SECTION,
          title: `${agency.name} has not returned its Section 11 self-assessment`,
          detail: `Chased ${decision.chasesSoFar} times; due ${due}.`,
          command: `s11 return ${agency.shortName}`,
        });
      }
    }
  }
  return entries;
};
