import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { ConversationReference } from 'botbuilder';
import type { ProactiveSend } from '../../ports/sender';

/** Sends through the adapter into a stored conversation (the reference captured at installation). */
export function createProactiveSend(adapter: TeamsAdapter, botAppId: string): ProactiveSend {
  return async (reference, activity) => {
    let activityId: string | undefined;
    await adapter.continueConversationAsync(botAppId, reference as Partial<ConversationReference>, async (context) => {
      const response = await context.sendActivity(activity);
      activityId = response?.id;
    });
    return { activityId };
  };
}
