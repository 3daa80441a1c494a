import { Agency, findByName, Theme } from '../../domain/directory/agency';
import { NotFoundError } from '../../domain/errors';
import { listAll, Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { KIND } from '../kernel/kinds';

export async function listAgencies(ctx: AppContext): Promise<Stored<Agency>[]> {
  return (await listAll<Agency>(ctx.store, KIND.agency, ctx.partnershipId)).filter((agency) => agency.active);
}

export async function listThemes(ctx: AppContext): Promise<Theme[]> {
  return (await listAll<Theme>(ctx.store, KIND.theme, ctx.partnershipId)).filter((theme) => theme.active);
}

/** Resolves an agency by name or short name; an unknown name is an error that offers the closest names. */
export async function resolveAgency(ctx: AppContext, text: string): Promise<Stored<Agency>> {
  const { match, suggestions } = findByName(await listAgencies(ctx), text);
  if (match) return match;
  const hint = suggestions.length ? ` Did you mean: ${suggestions.map((agency) => agency.name).join('; ')}?` : ' Type "help" to see how agencies are named.';
  throw new NotFoundError(`No agency is called "${text.slice(0, 60)}".${hint}`, 'AGENCY.NOT_FOUND');
}
