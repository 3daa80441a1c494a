import { addMeeting, listMeetings } from '../../app/reviews/meetings';
import { deliveryReport } from '../../app/reminders/delivery-report';
import { listOpenAssurance } from '../../app/reminders/reminder-actions';
import { loadLookups } from '../../app/directory/lookups';
import { MEETING_TYPE_LABELS } from '../../domain/reviews/meeting';
import { assuranceTrackerCard, deliveryReportCard, meetingsText } from '../../cards/reminder-cards';
import type { BotDeps } from '../bot-deps';
import { asAtText } from '../../domain/calendar';
import { actorOf, type Turn } from '../turn';

/** `meetings`: upcoming meetings, soonest first. */
export async function meetingsCommand(deps: BotDeps, turn: Turn): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const meetings = await listMeetings(deps.ctx, actor);
  await turn.send(meetingsText(meetings, deps.ctx.settings.reminders.digestLeadWorkingDays));
}

/** `meeting add <date> [type]`: the business unit records a meeting. */
export async function meetingAddCommand(deps: BotDeps, turn: Turn, args: string): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const meeting = await addMeeting(deps.ctx, actor, args);
  const digest = meeting.type === 'PAI' ? ` The PAI channel will get a digest ${deps.ctx.settings.reminders.digestLeadWorkingDays} working days before.` : '';
  await turn.send(`Recorded: ${MEETING_TYPE_LABELS[meeting.type]} on ${meeting.date}.${digest}`);
}

/** `delivery report`: what the outbox sent, holds, gave up on, or rerouted. */
export async function deliveryReportCommand(deps: BotDeps, turn: Turn): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const report = await deliveryReport(deps.ctx, actor);
  const lookups = await loadLookups(deps.ctx);
  const names = new Map([...lookups.agencies.values()].map((agency) => [agency.id, agency.name]));
  await turn.send(deliveryReportCard(deps.cards, report, names, asAtText(deps.ctx.clock.now())));
}

/** `assurance evaluate`: open 12-month requests for the PAI chair and business unit, with evaluation forms. */
export async function assuranceEvaluateCommand(deps: BotDeps, turn: Turn): Promise<void> {
  const actor = await actorOf(deps.ctx, turn);
  const rows = await listOpenAssurance(deps.ctx, actor);
  await turn.send(assuranceTrackerCard(deps.cards, rows, asAtText(deps.ctx.clock.now())));
}
