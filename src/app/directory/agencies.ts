import { Agency, findByName, Theme } from '../../domain/directory/agency';
import { NotFoundError } from '../../domain/errors';
import { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';

export async function listAgencies(ctx: AppContext): Promise<Stored<Agency>[]> {
  return (await ctx.stores.agencies.all()).filter((agency) => agency.active);
}

export async function listThemes(ctx: AppContext): Promise<Theme[]> {
  return (await ctx.stores.themes.all()).filter((theme) => theme.active);
}

/** No agency name is longer than this: longer text is not matched at all (rights and cheap checks before cost). */
export const MAX_AGENCY_NAME_CHARS = 120;

/**
 * Resolves an agency by name or short name; an unknown name is an error that offers the closest names. The error
 * names the kind of thing, never the text typed (it may hold personal data).
 */
export async function resolveAgency(ctx: AppContext, text: string): Promise<Stored<Agency>> {
  if (text.trim().length > MAX_AGENCY_NAME_CHARS) {
    throw new NotFoundError('No agency has that name. Type "help" to see how agencies are named.', 'AGENCY.NOT_FOUND');
  }
  const { match, suggestions } = findByName(await listAgencies(ctx), text);
  if (match) return match;
  const hint = suggestions.length ? ` Did you mean: ${suggestions.map((agency) => agency.name).join('; ')}?` : ' Type "help" to see how agencies are named.';
  throw new NotFoundError(`No agency has that name.${hint}`, 'AGENCY.NOT_FOUND');
}

/** The agency's name for a member's own agency line (`whoami`), or undefined when they have none. */
export async function agencyNameOf(ctx: AppContext, agencyId: string | undefined): Promise<string | undefined> {
  return agencyId ? (await ctx.stores.agencies.get(agencyId))?.name : undefined;
}
