import type { Role } from './roles';

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

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'help', usage: 'help', description: 'Show the commands you can use', inManifest: true },
  { name: 'whoami', usage: 'whoami', description: 'Show your name, agency and roles', inManifest: true },
  {
    name: 'link agency',
    usage: 'link agency <name>',
    description: "Make this channel the agency's channel for action cards",
    roles: ['ADMIN', 'LSBU_OFFICER'],
    inManifest: true,
  },
];

/** The commands a user with these roles may run (everyone gets the unrestricted ones). */
export function commandsFor(roles: readonly Role[]): CommandSpec[] {
  return COMMANDS.filter((command) => !command.roles || command.roles.some((role) => roles.includes(role)));
}
