import { composeApp } from './compose';
import { ConfigError, loadConfig } from './config';

/** Composition root: config -> adapters -> bot -> server -> listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { server, logger, startScheduler, shutdown } = await composeApp(config);
  if (!config.authEnabled) {
    logger.warn({ host: config.host }, 'BOT_ID is empty: authentication is OFF (local mode), listening on loopback only');
  }
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  logger.info({ url: `http://${config.host}:${server.address().port}`, store: config.store.kind, node: process.version }, 'assurance bot listening');

  startScheduler();
  if (config.clockNow) logger.warn({ clockNow: config.clockNow }, 'CLOCK_NOW is set: the clock started there (local mode only)');

  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await shutdown();
    logger.info({ signal }, 'shut down');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Start-up failed:', error);
  }
  process.exit(1);
});
