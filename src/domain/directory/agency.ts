import { editDistance } from '../edit-distance';
/** Agency types from docs/design/domain.md section 2. */
export const AGENCY_TYPES = ['STATUTORY_PARTNER', 'RELEVANT_AGENCY', 'EDUCATION', 'VCFS', 'DISTRICT_COUNCIL'] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

export interface Agency {
  id: string;
  name: string;
  shortName: string;
  type: AgencyType;
  parentAgencyId?: string;
  s11Duty: boolean;
  active: boolean;
  /** Store id of the conversation (team channel) linked with `link agency`. */
  channelConversationId?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export interface Theme {
  id: string;
  name: string;
  active: boolean;
}

export interface NameMatch<T> {
  match?: T;
  /** Close names to offer when nothing (or more than one thing) matched. */
  suggestions: T[];
}

/**
 * Finds a record by name, short name or id, ignoring case and punctuation; otherwise offers the closest names,
 * so "lancs police" or a typo gets a suggestion rather than a dead end.
 */
export function findByName<T extends { id: string; name: string; shortName?: string }>(items: readonly T[], text: string): NameMatch<T> {
  const wanted = normaliseName(text);
  if (!wanted) return { suggestions: [] };
  const exact = items.filter((item) => [item.id, item.name, item.shortName ?? ''].some((name) => normaliseName(name) === wanted));
  if (exact.length === 1) return { match: exact[0], suggestions: [] };
  const containing = items.filter((item) => normaliseName(item.name).includes(wanted) || normaliseName(item.shortName ?? '').includes(wanted));
  if (exact.length === 0 && containing.length === 1) return { match: containing[0], suggestions: [] };
  const ranked = [...items]
    .map((item) => ({ item, distance: Math.min(editDistance(normaliseName(item.name), wanted), editDistance(normaliseName(item.shortName ?? item.name), wanted)) }))
    .sort((a, b) => a.distance - b.distance);
  const candidates = containing.length > 1 ? containing : ranked.filter((entry) => entry.distance <= Math.max(3, wanted.length / 3)).map((entry) => entry.item);
  return { suggestions: candidates.slice(0, 5) };
}

export function normaliseName(text: string): string {
  return text.toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
}

