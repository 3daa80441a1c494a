import type { AppContext } from '../app/app-context';
import type { CardRenderer } from '../cards/render';

/** Everything the bot layer needs, injected by index.ts (or a test). */
export interface BotDeps {
  ctx: AppContext;
  cards: CardRenderer;
}
