import { importActions } from '../app/import-actions';
import { importMembers } from '../app/import-members';
import { importReviews } from '../app/import-reviews';
import { importRecommendations } from '../app/recommendations';
import type { AppContext } from '../app/app-context';
import { ConfigError, loadConfig } from '../config';
import { DomainError, ImportRejectedError } from '../domain/errors';
import { cliActor, cliBusinessUnitActor, createCliContext } from './cli-context';
import { progressReporter } from './progress';
import { readTable } from './read-table';

type Verb = (ctx: AppContext, args: string[]) => Promise<void>;

/** Business-unit commands: `npm run cli -- <verb> ...`. One entry per verb. */
const VERBS: Record<string, { usage: string; run: Verb }> = {
  'import members': {
    usage: 'import members <file.csv|file.xlsx>   columns: aad_object_id, name, email, agency, roles (roles separated by ;)',
    run: async (ctx, [file]) => {
      if (!file) throw new UsageError('Name the file: import members members.csv');
      const rows = await readTable(file);
      const progress = progressReporter('Importing members', rows.length);
      const summary = await importMembers(ctx, cliActor(), rows, (done) => progress.update(done));
      progress.stop();
      console.log(`Imported ${rows.length} members (${summary.created} new, ${summary.updated} updated).`);
    },
  },
  'import reviews': {
    usage: 'import reviews <file.csv|file.xlsx>   columns: reference, type, pseudonym, sin_date, rr_submitted_on, decision, decision_date, published_on, completed_on, themes',
    run: async (ctx, [file]) => {
      if (!file) throw new UsageError('Name the file: import reviews reviews.csv');
      const rows = await readTable(file);
      const progress = progressReporter('Importing reviews', rows.length);
      const summary = await importReviews(ctx, cliBusinessUnitActor(), rows, (done) => progress.update(done));
      progress.stop();
      console.log(`Imported ${summary.imported} reviews.`);
    },
  },
  'import recommendations': {
    usage: 'import recommendations <file.csv|file.xlsx>   columns: review_reference, number, text, themes',
    run: async (ctx, [file]) => {
      if (!file) throw new UsageError('Name the file: import recommendations recommendations.csv');
      const rows = await readTable(file);
      const progress = progressReporter('Importing recommendations', rows.length);
      const summary = await importRecommendations(ctx, cliBusinessUnitActor(), rows, (done) => progress.update(done));
      progress.stop();
      console.log(`Imported ${summary.imported} recommendations for ${summary.reviews} review(s).`);
    },
  },
  'import actions': {
    usage: 'import actions <file.csv|file.xlsx>   columns: review_reference, ref, scope, agency, responsible_officer_email, themes, description, success_measure, target_date, status (optional: recommendation)',
    run: async (ctx, [file]) => {
      if (!file) throw new UsageError('Name the file: import actions actions.csv');
      const rows = await readTable(file);
      const progress = progressReporter('Importing actions', rows.length);
      const summary = await importActions(ctx, cliBusinessUnitActor(), rows, (done) => progress.update(done));
      progress.stop();
      console.log(`Imported ${summary.imported} actions for ${summary.reviews} review(s). Post them with "post actions <review>" in Teams.`);
    },
  },
};

class UsageError extends Error {}

function usage(): string {
  return ['Usage: npm run cli -- <command>', '', ...Object.values(VERBS).map((verb) => `  ${verb.usage}`)].join('\n');
}

/** Prints a refused import as a table a person can fix the file from. */
function printProblems(error: ImportRejectedError): void {
  console.error(error.message);
  console.error('row\tcolumn\tproblem');
  for (const problem of error.problems) console.error(`${problem.row}\t${problem.column}\t${problem.reason}`);
}

export async function runCli(argv: string[]): Promise<number> {
  const key = Object.keys(VERBS).find((name) => argv.slice(0, name.split(' ').length).join(' ') === name);
  if (!key) {
    console.error(argv.length ? `Unknown command: ${argv.join(' ')}\n\n${usage()}` : usage());
    return 2;
  }
  let ctx: AppContext | undefined;
  try {
    ctx = await createCliContext(loadConfig());
    await VERBS[key].run(ctx, argv.slice(key.split(' ').length));
    return 0;
  } catch (error) {
    if (error instanceof ImportRejectedError) printProblems(error);
    else if (error instanceof DomainError || error instanceof ConfigError || error instanceof UsageError) console.error(error.message);
    else if ((error as NodeJS.ErrnoException).code === 'ENOENT') console.error(`File not found: ${(error as NodeJS.ErrnoException).path}`);
    else console.error('Failed:', (error as Error).message);
    return 1;
  } finally {
    await ctx?.store.close();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
