import { benchCrashDuplicates } from './crash-duplicates';
import { benchGuard } from './guard';
import { benchHttpTurns } from './http-turns';
import { benchReports } from './reports';
import { benchSection11 } from './section11';
import { benchSend } from './send';
import { benchStartup } from './startup';
import { benchStoreOps } from './store-ops';

/** `npm run bench`: prints figures; nothing here is asserted. */
async function main(): Promise<void> {
  console.log(`Assurance Bot benchmarks: node ${process.version}, ${new Date().toISOString()}`);
  await benchHttpTurns();
  await benchStoreOps();
  await benchStartup();
  benchGuard();
  await benchReports();
  await benchSend();
  await benchSection11();
  await benchCrashDuplicates();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
