import { ROLE_TABLE, type Role } from './roles';
import { editDistance } from './edit-distance';

/**
 * Every text command the bot answers, in one list: the help card, the routes in create-bot-app.ts and the
 * Teams manifest's commandLists are all checked against it (test/bot/command-catalog.test.ts).
 */
export interface CommandSpec {
  /** The words that start the command, lower-case, as typed in Teams. */
  name: string;
  usage: string;
  description: string;
  /** Who may use it; undefined means every registered user and bootstrap admin. */
  roles?: readonly Role[];
  /** Shown in the Teams command menu (manifest commandLists hold at most 10 per scope). */
  inManifest: boolean;
}

// Who may run each command comes from the one role table in roles.ts.
const PROGRAMME: readonly Role[] = ROLE_TABLE.manageProgramme;
const ASSURANCE: readonly Role[] = ROLE_TABLE.assure;
/** Reports: the PAI chair, the business unit and administrators (docs/reports.md). */
const REPORTS: readonly Role[] = ROLE_TABLE.runReports;

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'help', usage: 'help', description: 'Show the commands you can use', inManifest: true },
  { name: 'whoami', usage: 'whoami', description: 'Show your name, agency and roles', inManifest: true },
  { name: 'my actions', usage: 'my actions', description: 'Your open actions, most urgent first', inManifest: true },
  { name: 'actions', usage: 'actions <agency>', description: "An agency's open actions", inManifest: false },
  { name: 'review', usage: 'review <reference>', description: "A review's action plan with RAG", inManifest: true },
  { name: 'action', usage: 'action <ref>', description: 'One action in full, to update or assure it', inManifest: true },
  { name: 'history', usage: 'history <ref>', description: 'Who changed an action or review, and when', inManifest: false },
  { name: 'sign off', usage: 'sign off', description: 'Actions waiting for PAI sign-off', roles: ASSURANCE, inManifest: true },
  { name: 'new review', usage: 'new review', description: 'Record a new review (rapid review, LCSPR, ...)', roles: PROGRAMME, inManifest: true },
  { name: 'add action', usage: 'add action <review>', description: "Add an action to a review's plan", roles: PROGRAMME, inManifest: false },
  { name: 'post actions', usage: 'post actions <review>', description: 'Send each agency and responsible officer their action cards', roles: PROGRAMME, inManifest: false },
  { name: 'link agency', usage: 'link agency <name>', description: "Make this channel the agency's channel for action cards", roles: PROGRAMME, inManifest: false },
  { name: 'quarterly themes', usage: 'quarterly themes [period] [source]', description: 'Quarterly review theme report (e.g. Q2, last quarter; add section 11, scrutiny or all for those actions)', roles: REPORTS, inManifest: true },
  { name: 'status', usage: 'status [review]', description: 'Action status for the PAI meeting, per review', roles: REPORTS, inManifest: true },
  { name: 'overdue', usage: 'overdue [agency]', description: 'Overdue actions by agency', roles: [...REPORTS, ...ROLE_TABLE.ownAgencyOverdue], inManifest: true },
  { name: 'assurance', usage: 'assurance', description: '12-month assurance tracker', roles: REPORTS, inManifest: false },
  { name: 'yearly report', usage: 'yearly report [year]', description: 'Yearly report data pack (e.g. 2025/26)', roles: REPORTS, inManifest: false },
  { name: 'dip sample', usage: 'dip sample <n> [agency]', description: 'Draw and store a reproducible random sample of actions', roles: ASSURANCE, inManifest: false },
  { name: 'dip samples', usage: 'dip samples', description: 'The dip samples drawn so far, with their seeds', roles: REPORTS, inManifest: false },
  { name: 'link pai channel', usage: 'link pai channel', description: 'Make this channel or meeting chat the place shared reports go', roles: REPORTS, inManifest: false },
  { name: 'meetings', usage: 'meetings', description: 'Upcoming PAI and other meetings (the PAI digest goes before each)', inManifest: false },
  { name: 'meeting add', usage: 'meeting add <date> [type]', description: 'Record a meeting (PAI unless a type is given)', roles: PROGRAMME, inManifest: false },
  { name: 'assurance evaluate', usage: 'assurance evaluate', description: "Open 12-month requests, with a form to record the PAI's evaluation", roles: ASSURANCE, inManifest: false },
  { name: 'delivery report', usage: 'delivery report', description: 'Reminders sent, pending, failed and gone, by policy and agency', roles: PROGRAMME, inManifest: false },
  // Section 11 audits (issue 11).
  { name: 's11 open', usage: 's11 open <cycle> due <YYYY-MM-DD>', description: 'Open a Section 11 cycle for every agency with the duty', roles: PROGRAMME, inManifest: false },
  { name: 's11 stage', usage: 's11 stage <stage> [cycle]', description: 'Move the Section 11 cycle to its next stage', roles: PROGRAMME, inManifest: false },
  { name: 's11 return', usage: 's11 return [agency]', description: "Your agency's Section 11 return", roles: ['AGENCY_REP', 'PAI_CHAIR', 'LSBU_OFFICER', 'ADMIN'], inManifest: false },
  { name: 's11 moderate', usage: 's11 moderate <agency>', description: "Moderate an agency's Section 11 return", roles: ASSURANCE, inManifest: false },
  { name: 's11 feedback', usage: 's11 feedback <agency>', description: 'Send an agency its Section 11 feedback', roles: ASSURANCE, inManifest: false },
  { name: 's11 summary', usage: 's11 summary [cycle]', description: 'Section 11 summary: % fully met by standard and agency', inManifest: false },
  // Scrutiny (issue 12)
  { name: 'scrutiny new', usage: 'scrutiny new', description: 'Propose a piece of scrutiny (themes suggested from the review themes)', roles: REPORTS, inManifest: false },
  { name: 'scrutiny', usage: 'scrutiny [period | ref]', description: "The period's scrutiny programme against the target, or one piece in full", inManifest: false },
];

/** The commands a user with these roles may run (everyone gets the unrestricted ones). */
export function commandsFor(roles: readonly Role[]): CommandSpec[] {
  return COMMANDS.filter((command) => !command.roles || command.roles.some((role) => roles.includes(role)));
}

/**
 * The command a mistyped message most likely meant ("did you mean"), from the commands these roles allow: the first
 * one to three words against each command name by edit distance. Only the first words are read, so a long message
 * costs nothing; the answer is a catalogue name, never the typed text.
 */
export function suggestCommand(text: string, roles: readonly Role[]): string | undefined {
  const words = text.slice(0, 60).toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const command of commandsFor(roles)) {
    const size = command.name.split(' ').length;
    if (words.length < size) continue;
    const typed = words.slice(0, size).join(' ');
    const distance = editDistance(typed, command.name);
    const allowed = command.name.length <= 4 ? 1 : 2;
    if (distance > 0 && distance <= allowed && (!best || distance < best.distance)) best = { name: command.name, distance };
  }
  return best?.name;
}
