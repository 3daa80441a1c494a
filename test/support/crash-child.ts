import { composeApp } from '../../src/compose';
import { loadConfig } from '../../src/config';

/**
 * The crash test's child: the whole bot composed from the environment (SQLite file, CLOCK_NOW, short lease and
 * claim), running ticks until one gets the lease, then printing its result. The parent kills it with SIGKILL.
 */
async function main(): Promise<void> {
  const app = await composeApp(loadConfig());
  for (;;) {
    const result = await app.runTick();
    if (result.ran) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await app.store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
