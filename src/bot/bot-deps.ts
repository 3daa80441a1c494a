import type { AppContext } from '../app/kernel/app-context';
import type { CardRenderer } from '../cards/render';
import type { ReportCache } from '../app/reports/report-cache';
import type { UploadFile } from '../adapters/teams/file-upload';

/** Sends one activity to a stored conversation and returns the new activity's id; throws when delivery fails. */
export type ProactiveSend = (reference: Record<string, unknown>, activity: Record<string, unknown>) => Promise<{ activityId?: string }>;

/** Everything the bot layer needs, injected by compose.ts (or a test). */
export interface BotDeps {
  ctx: AppContext;
  cards: CardRenderer;
  /** Proactive messages (posting action cards to channels and chats). */
  send: ProactiveSend;
  /** Computed reports reused until the next write (compose.ts); without one every report is computed afresh. */
  reportCache?: ReportCache;
  /** Uploads an accepted file (Teams file consent); tests pass a fake, the bot uses uploadToConsentUrl. */
  uploadFile?: UploadFile;
}
