import type { AppContext } from '../app/app-context';
import type { CardRenderer } from '../cards/render';

/** Sends one activity to a stored conversation and returns the new activity's id; throws when delivery fails. */
export type ProactiveSend = (reference: Record<string, unknown>, activity: Record<string, unknown>) => Promise<{ activityId?: string }>;

/** Everything the bot layer needs, injected by compose.ts (or a test). */
export interface BotDeps {
  ctx: AppContext;
  cards: CardRenderer;
  /** Proactive messages (posting action cards to channels and chats). */
  send: ProactiveSend;
}
