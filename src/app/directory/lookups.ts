import type { Agency, Theme } from '../../domain/directory/agency';
import type { Member } from '../../domain/directory/member';
import type { Review } from '../../domain/reviews/review';
import type { Stored } from '../../ports/document-store';
import type { AppContext } from '../kernel/app-context';
import { conversationsOf } from './record-installation';

/** The small reference sets a view needs to show names instead of ids (one partnership: hundreds at most). */
export interface Lookups {
  agencies: Map<string, Stored<Agency>>;
  members: Map<string, Stored<Member>>;
  themes: Map<string, Theme>;
  reviews: Map<string, Stored<Review>>;
  /** Teams user ids (MRIs, "29:...") by AAD object id, from personal chats with the bot: cards' refresh lists need them. */
  teamsUserIds: Map<string, string>;
}

/** The agencies, members and themes alone: for views that print those names and nothing else (no review, no chat). */
export type NameLookups = Pick<Lookups, 'agencies' | 'members' | 'themes'>;

export async function loadNameLookups(ctx: AppContext): Promise<NameLookups> {
  const [agencies, members, themes] = await Promise.all([ctx.stores.agencies.all(), ctx.stores.members.all(), ctx.stores.themes.all()]);
  return {
    agencies: new Map(agencies.map((agency) => [agency.id, agency])),
    members: new Map(members.map((member) => [member.id, member])),
    themes: new Map(themes.map((theme) => [theme.id, theme])),
  };
}

export async function loadLookups(ctx: AppContext): Promise<Lookups> {
  const [names, reviews, chats] = await Promise.all([
    loadNameLookups(ctx),
    ctx.stores.reviews.all(),
    conversationsOf(ctx).all({ where: { scope: 'personal' } }),
  ]);
  return {
    ...names,
    reviews: new Map(reviews.map((review) => [review.id, review])),
    teamsUserIds: new Map(
      chats
        .filter((chat) => chat.userAadObjectId && typeof (chat.reference.user as { id?: unknown } | undefined)?.id === 'string')
        .map((chat) => [chat.userAadObjectId as string, (chat.reference.user as { id: string }).id]),
    ),
  };
}

export function agencyName(lookups: Pick<Lookups, 'agencies'>, id: string | undefined): string {
  return (id && lookups.agencies.get(id)?.name) || 'No agency';
}

export function memberName(lookups: Pick<Lookups, 'members'>, id: string | undefined): string {
  return (id && lookups.members.get(id)?.name) || 'Not assigned';
}
