import type { AddressInfo } from 'node:net';
import { TurnContext } from 'botbuilder';
import { composeApp } from '../src/compose';
import { loadConfig } from '../src/config';
import { createServer } from '../src/http/server';
import { messageActivity, PEOPLE } from '../test/support/activities';
import { FakeConnector } from '../test/support/fake-connector';
import { MemoryLogger } from '../test/support/silent-logger';
import { heading, ms, percentile, row, sample } from './stats';

const TURNS = 300;

/** p50/p95 of a `help` turn over HTTP, next to a bare echo turn through the same HTTP stack and adapter. */
export async function benchHttpTurns(): Promise<void> {
  heading(`HTTP turns (${TURNS} sequential turns each, FakeConnector on loopback, SQLite in memory)`);
  const connector = await FakeConnector.start();
  const config = loadConfig({ SQLITE_PATH: ':memory:', LOG_LEVEL: 'silent', ADMIN_AAD_OBJECT_IDS: PEOPLE.admin.aadObjectId });
  const app = await composeApp(config, { logger: new MemoryLogger() });
  const echo = createServer({
    adapter: app.adapter,
    runTurn: async (context: TurnContext) => void (await context.sendActivity(context.activity.text ?? '')),
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
  const post = async (url: string, text: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(messageActivity(PEOPLE.admin, text, { serviceUrl: connector.url })),
    });
    if (response.status !== 200) throw new Error(`turn answered ${response.status}`);
    await response.arrayBuffer();
  };
  const echoTimes = await sample(TURNS, () => post(echoUrl, 'echo'));
  const helpTimes = await sample(TURNS, () => post(botUrl, 'help'));
  row('echo turn (baseline)', `p50 ${ms(percentile(echoTimes, 50))}`, `p95 ${ms(percentile(echoTimes, 95))}`);
  row('help turn', `p50 ${ms(percentile(helpTimes, 50))}`, `p95 ${ms(percentile(helpTimes, 95))}`);
  row('help / echo', `p50 x${(percentile(helpTimes, 50) / percentile(echoTimes, 50)).toFixed(2)}`, `p95 x${(percentile(helpTimes, 95) / percentile(echoTimes, 95)).toFixed(2)}`);
  echo.close();
  app.server.close();
  await app.store.close();
  await connector.stop();
}
