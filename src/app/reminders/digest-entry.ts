import type { IsoDate } from '../../domain/calendar';
import type { AppContext } from '../app-context';

/** Who hears a digest entry: a member in personal chat, an agency's linked channel, or the PAI channel. */
export type DigestRecipient =
  | { kind: 'member'; memberId: string }
  | { kind: 'agency-channel'; agencyId: string }
  | { kind: 'pai-channel' };

/** One line someone should hear about in today's digest; the digest sorts by urgency and fits the card into 28 KB. */
export interface DigestEntry {
  to: DigestRecipient;
  /** Lower is more urgent: days until the date that matters (negative when past it). */
  urgency: number;
  /** The heading it sits under, in words: 'Your actions', 'Your agency's overdue actions', '12-month assurance', 'Section 11 audit', 'Scrutiny'. */
  section: string;
  /** One line, plain words, no identifiers in capitals. */
  title: string;
  /** One short detail line, optional. */
  detail?: string;
  /** The chat command that opens the full picture, e.g. `s11 return` or `scrutiny SCR-2026-1`. */
  command?: string;
}

/** A capability that has something to say in today's digest. Pure reads; it must not write or send. */
export type DigestSource = (input: { ctx: AppContext; today: IsoDate; now: string }) => Promise<DigestEntry[]>;
