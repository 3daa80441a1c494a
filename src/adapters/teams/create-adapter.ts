import { TeamsAdapter } from '@microsoft/teams-ai';
import type { AppConfig } from '../../config';

/**
 * The Bot Framework adapter. With an empty BOT_ID it neither checks inbound tokens nor signs outbound calls
 * (local mode, loopback only); with BOT_ID it does both.
 */
export function createTeamsAdapter(bot: AppConfig['bot']): TeamsAdapter {
  return new TeamsAdapter({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
  });
}
