import type { CommandSpec } from '../domain/commands';
import { DomainError, RowProblem } from '../domain/errors';
import type { Actor } from '../domain/directory/member';
import { ROLE_LABELS } from '../domain/roles';
import type { AdaptiveCard, CardRenderer } from './render';

/** Typed data for each card, so a template's bindings have one builder each. */
export interface HelpCardData {
  partnershipName: string;
  greeting: string;
  commands: { usage: string; description: string }[];
  footer: string;
}

/** Teams reads `<reference>` in a TextBlock as an HTML tag and hides it: show placeholders in angle quotes. */
export function displayUsage(usage: string): string {
  return usage.replace(/<([^<>]+)>/g, '‹$1›');
}

export function helpCard(renderer: CardRenderer, partnershipName: string, actor: Actor, commands: readonly CommandSpec[]): AdaptiveCard {
  const registered = actor.roles.length > 0;
  const data: HelpCardData = {
    partnershipName,
    greeting: registered
      ? `Hello ${actor.name}. These are the commands your role allows.`
      : `Hello ${actor.name}. You are not registered yet, so you can use only these commands. Ask the business unit (LSBU) to add you.`,
    commands: commands.map((command) => ({ usage: displayUsage(command.usage), description: command.description })),
    footer: 'In a channel, mention the bot first (@Assurance Bot help). The bot holds review references and pseudonyms only: never type a child’s or family member’s name or identifiers.',
  };
  return renderer.render('help', data);
}

export function whoamiCard(renderer: CardRenderer, actor: Actor, agencyName: string | undefined): AdaptiveCard {
  return renderer.render('whoami', {
    name: actor.name,
    agency: agencyName ?? 'None',
    roles: actor.roles.length ? actor.roles.map((role) => ROLE_LABELS[role]).join(', ') : 'None',
    registered: actor.member ? 'Yes' : 'No',
    note: actor.member ? '' : 'You are not registered as a member. Ask the business unit (LSBU) to add you.',
  });
}

export function errorCard(renderer: CardRenderer, error: DomainError): AdaptiveCard {
  const problems = (error.details.problems as RowProblem[] | undefined) ?? [];
  return renderer.render('error', {
    title: titleFor(error.code),
    // Messages quote commands with <placeholders>, which Teams would hide as HTML tags.
    message: displayUsage(error.message),
    problems: problems.slice(0, 25),
    code: error.code,
  });
}

function titleFor(code: string): string {
  if (code.startsWith('AUTH.')) return 'Not allowed';
  if (code.endsWith('NOT_FOUND')) return 'Not found';
  if (code === 'STORE.CONFLICT') return 'Someone else changed this first';
  return 'That did not work';
}
