import type { AuthenticatedRequest } from '../src/adapters/teams/create-adapter';
import type { AddressInfo } from 'node:net';
import { TurnContext } from 'botbuilder';
import { composeApp } from '../src/compose';
import { loadConfig } from '../src/config';
import { createServer } from '../src/http/server';
import { executeActivity, messageActivity, PEOPLE } from '../test/support/activities';
import { FakeConnector } from '../test/support/fake-connector';
import { REVIEW_REF, seedReviewWithActions } from '../test/support/review-fixtures';
import { MemoryLogger } from '../test/support/silent-logger';
import type { TestContext } from '../test/support/test-context';
import { heading, ms, percentile, row, sample } from './stats';

const TURNS = 300;

/** What an Action.Execute update button carries (etag and a fresh submission id), read from the bot's answer. */
function updateButtonOf(body: string): { etag: string; submissionId: string } {
  const match = /"verb":"action\.update"[^}]*?"data":(\{[^}]*\})/.exec(body);
  if (!match) throw new Error(`the answer carries no action.update button: ${body.slice(0, 600)}`);
  return JSON.parse(match[1]) as { etag: string; submissionId: string };
}

/**
 * p50/p95 of a `help` turn and of an Action.Execute progress update over HTTP, next to a bare echo turn through
 * the same HTTP stack and adapter.
 */
export async function benchHttpTurns(): Promise<void> {
  heading(`HTTP turns (${TURNS} sequential turns each, FakeConnector on loopback, SQLite in memory)`);
  const connector = await FakeConnector.start();
  const config = loadConfig({ SQLITE_PATH: ':memory:', LOG_LEVEL: 'silent', ADMIN_AAD_OBJECT_IDS: PEOPLE.admin.aadObjectId });
  const app = await composeApp(config, { logger: new MemoryLogger() });
  const echo = createServer({
    adapter: { authenticate: (activity, header) => app.adapter.authenticate(activity, header), run: (request, activity) => app.adapter.run(request as AuthenticatedRequest, activity, async (context: TurnContext) => void (await context.sendActivity(context.activity.text ?? ''))) },
    store: app.store,
    logger: new MemoryLogger(),
    authEnabled: false,
    allowedTenantIds: [],
  });
  const listen = async (server: typeof echo) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  };
  const botUrl = await listen(app.server);
  const echoUrl = await listen(echo);
  const postActivity = async (url: string, activity: object): Promise<string> => {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
    if (response.status !== 200) throw new Error(`turn answered ${response.status}`);
    return response.text();
  };
  const post = (url: string, text: string) => postActivity(url, messageActivity(PEOPLE.admin, text, { serviceUrl: connector.url }));

  // An action the police rep owns, updated again and again from its card, each time with what the last answer carried.
  await seedReviewWithActions(app.ctx as TestContext);
  const actionId = `${REVIEW_REF}/A1`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  let button = updateButtonOf(await postActivity(botUrl, executeActivity(PEOPLE.policeRep, 'action.refresh', { actionId }, { serviceUrl: connector.url })));
  const update = async (index: number) => {
    const data = { actionId, ...button, note: `Training session ${index} delivered to a response team` };
    button = updateButtonOf(await postActivity(botUrl, executeActivity(PEOPLE.policeRep, 'action.update', data, { serviceUrl: connector.url })));
  };

  const echoTimes = await sample(TURNS, () => post(echoUrl, 'echo'));
  const helpTimes = await sample(TURNS, () => post(botUrl, 'help'));
  const updateTimes = await sample(TURNS, update);
  const versus = (times: number[]) => `p50 x${(percentile(times, 50) / percentile(echoTimes, 50)).toFixed(2)}   p95 x${(percentile(times, 95) / percentile(echoTimes, 95)).toFixed(2)}`;
  row('echo turn (baseline)', `p50 ${ms(percentile(echoTimes, 50))}`, `p95 ${ms(percentile(echoTimes, 95))}`);
  row('help turn', `p50 ${ms(percentile(helpTimes, 50))}`, `p95 ${ms(percentile(helpTimes, 95))}`);
  row('help / echo', versus(helpTimes));
  row('Action.Execute update (action.update)', `p50 ${ms(percentile(updateTimes, 50))}`, `p95 ${ms(percentile(updateTimes, 95))}`);
  row('update / echo', versus(updateTimes));
  echo.close();
  app.server.close();
  await app.store.close();
  await connector.stop();
}
