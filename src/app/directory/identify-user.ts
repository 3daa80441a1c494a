import type { Actor } from '../../domain/directory/member';
import type { Role } from '../../domain/roles';
import type { AppContext } from '../kernel/app-context';

/**
 * Who the user is, from the AAD object id Teams put on the activity (never from card data).
 * Bootstrap admins named in ADMIN_AAD_OBJECT_IDS are admins whether or not they are registered.
 */
export async function identifyUser(ctx: AppContext, aadObjectId: string | undefined, displayName: string): Promise<Actor> {
  const id = (aadObjectId ?? '').toLowerCase();
  const member = id ? await ctx.stores.members.get(id) : undefined;
  const roles: Role[] = member?.active ? [...member.roles] : [];
  if (id && ctx.adminAadObjectIds.includes(id) && !roles.includes('ADMIN')) roles.unshift('ADMIN');
  return { aadObjectId: id, name: member?.name ?? displayName, roles, agencyId: member?.active ? member.agencyId : undefined, member };
}
