import { importActions } from '../app/imports/import-actions';
import { importS11Framework } from '../app/section11/import-framework';
import { importS11Returns } from '../app/section11/import-returns';
import { importMembers } from '../app/imports/import-members';
import { importReviews } from '../app/imports/import-reviews';
import { importRecommendations } from '../app/reviews/recommendations';
import type { AppContext } from '../app/kernel/app-context';
import { ConfigError, loadConfig } from '../config';
import { DomainError, ImportRejectedError } from '../domain/errors';
import { cliActor, cliBusinessUnitActor, createCliContext } from './cli-context';
import { progressReporter } from './progress';
import { readTable, type TableRows } from './read-table';
import { defaultReportPath, REPORT_FORMATS, ReportFormat, writeReport } from '../adapters/reports/write-report';
import { reportDocument } from '../app/reports/report-documents';
import { parseReportName, REPORT_NAMES } from '../app/reports/reports';
import { asAtText, londonDateOf } from '../domain/calendar';
import { importScrutinyFeedback } from '../app/scrutiny/import-feedback';
import { importScrutinyGrades } from '../app/scrutiny/import-grades';
import { importScrutinyProgramme } from '../app/scrutiny/import-programme';
import { exportAll } from '../app/transfer/export-all';
import { importAll } from '../app/transfer/import-all';
import { readExportDirectory, writeExportDirectory } from '../adapters/transfer/export-directory';
import { rebuildReportSummaries } from '../app/reports/report-summaries';

type Verb = (ctx: AppContext, args: string[]) => Promise<void>;

/**
 * Business-unit commands: `npm run cli -- <verb> ...`. One entry per verb. `seedReferenceData: false` leaves an empty
 * store empty (a restore needs it so).
 */
const VERBS: Record<string, { usage: string; run: Verb; seedReferenceData?: false }> = {
  'import members': {
    usage: 'import members <file.csv|file.xlsx>   columns: aad_object_id, name, email, agency, roles (roles separated by ;)',
    run: async (ctx, [file]) => {
      const rows = await tableNamed(file, 'import members members.csv');
      const summary = await withProgress('Importing members', rows.length, (update) => importMembers(ctx, cliActor(), rows, update));
      console.log(`Imported ${rows.length} members (${summary.created} new, ${summary.updated} updated).`);
    },
  },
  'import reviews': {
    usage: 'import reviews <file.csv|file.xlsx>   columns: reference, type, pseudonym, sin_date, rr_submitted_on, decision, decision_date, published_on, completed_on, themes',
    run: async (ctx, [file]) => {
      const rows = await tableNamed(file, 'import reviews reviews.csv');
      const summary = await withProgress('Importing reviews', rows.length, (update) => importReviews(ctx, cliBusinessUnitActor(), rows, update));
      console.log(`Imported ${summary.imported} reviews.`);
    },
  },
  'import recommendations': {
    usage: 'import recommendations <file.csv|file.xlsx>   columns: review_reference, number, text, themes',
    run: async (ctx, [file]) => {
      const rows = await tableNamed(file, 'import recommendations recommendations.csv');
      const summary = await withProgress('Importing recommendations', rows.length, (update) => importRecommendations(ctx, cliBusinessUnitActor(), rows, update));
      console.log(`Imported ${summary.imported} recommendations for ${summary.reviews} review(s).`);
    },
  },
  'import actions': {
    usage: 'import actions <file.csv|file.xlsx>   columns: review_reference, ref, scope, agency, responsible_officer_email, themes, description, success_measure, target_date, status (optional: recommendation, agreed_on)',
    run: async (ctx, [file]) => {
      const rows = await tableNamed(file, 'import actions actions.csv');
      const summary = await withProgress('Importing actions', rows.length, (update) => importActions(ctx, cliBusinessUnitActor(), rows, update));
      console.log(`Imported ${summary.imported} actions for ${summary.reviews} review(s). Post them with "post actions <review>" in Teams.`);
    },
  },
  // Section 11 (issue 11).
  'import s11-framework': {
    usage: 'import s11-framework <file.csv|file.xlsx>   columns: framework, standard, title, guidance, question (adds a new version)',
    run: async (ctx, [file]) => {
      const frameworks = await importS11Framework(ctx, cliBusinessUnitActor(), await tableNamed(file, 'import s11-framework framework.csv'));
      console.log(frameworks.map((framework) => `Added ${framework.name} version ${framework.version} (${framework.standards.length} standards).`).join('\n'));
    },
  },
  'import s11-returns': {
    usage: 'import s11-returns <file.csv|file.xlsx> --cycle <2025/26>   columns: agency, standard, self_rating, evidence, areas_for_improvement, moderated_rating, moderation_note, submitted_on',
    run: async (ctx, args) => {
      const { positional, flags } = readFlags(args, ['cycle']);
      if (!positional[0]) throw new UsageError('Name the file: import s11-returns returns.csv --cycle 2025/26');
      if (!flags.cycle) throw new UsageError('Name the cycle: --cycle 2025/26');
      const result = await importS11Returns(ctx, cliBusinessUnitActor(), await readTable(positional[0]), flags.cycle);
      console.log(`Imported ${result.returns} Section 11 returns into cycle ${result.cycle.label}.`);
    },
  },
  // Scrutiny (issue 12)
  'import scrutiny-programme': {
    usage: 'import scrutiny-programme <file.csv|file.xlsx>   columns: ref, period, title, themes, tools, lead_email, agencies, evidence_due, report_due (lists separated by ;)',
    run: async (ctx, [file]) => {
      const summary = await importScrutinyProgramme(ctx, cliBusinessUnitActor(), await tableNamed(file, 'import scrutiny-programme programme.csv'));
      console.log(`Imported ${summary.imported} pieces of scrutiny (each proposed). See them with "scrutiny" in Teams.`);
    },
  },
  'import scrutiny-grades': {
    usage: 'import scrutiny-grades <file.csv|file.xlsx>   columns: piece_ref, case_code, agency, domain, grade',
    run: async (ctx, [file]) => {
      const summary = await importScrutinyGrades(ctx, cliBusinessUnitActor(), await tableNamed(file, 'import scrutiny-grades grades.csv'));
      console.log(`Imported ${summary.imported} grades into ${summary.audits} case audits.`);
    },
  },
  'import scrutiny-feedback': {
    usage: 'import scrutiny-feedback <file.csv|file.xlsx>   columns: piece_ref, source, respondents, summary',
    run: async (ctx, [file]) => {
      const summary = await importScrutinyFeedback(ctx, cliBusinessUnitActor(), await tableNamed(file, 'import scrutiny-feedback feedback.csv'));
      console.log(`Imported ${summary.imported} feedback records for ${summary.pieces} piece(s).`);
    },
  },
  report: {
    usage: `report <${REPORT_NAMES.join('|')}> [--period Q2|"last quarter"|2025/26] [--review <ref>] [--agency <name>] [--cycle 2026/27] [--source reviews|section-11|scrutiny|all] --format xlsx|csv|html [--out <file>]`,
    run: async (ctx, args) => {
      const { positional, flags } = readFlags(args, ['period', 'review', 'agency', 'cycle', 'source', 'format', 'out']);
      if (!positional[0]) throw new UsageError(`Name the report: ${REPORT_NAMES.join(', ')}.`);
      const name = parseReportName(positional[0]);
      const format = (flags.format ?? 'xlsx').toLowerCase();
      if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format is one of ${REPORT_FORMATS.join(', ')}.`);
      // The one argument each report takes: a period, a review or an agency.
      const reportArgs = name === 'status' ? flags.review : name === 'overdue' ? flags.agency : name === 's11-summary' ? flags.cycle : flags.period;
      if (flags.source !== undefined && name !== 'quarterly-themes') throw new UsageError('--source goes with quarterly-themes only.');
      const doc = await reportDocument(ctx, cliBusinessUnitActor(), name, [reportArgs, flags.source].filter(Boolean).join(' '));
      const now = ctx.clock.now();
      const out = flags.out ?? defaultReportPath('reports', doc, format as ReportFormat, londonDateOf(now));
      const written = await writeReport(doc, format as ReportFormat, out, asAtText(now), ctx.partnershipName);
      console.log(`${doc.title}: wrote ${written.join(', ')}`);
    },
  },
  // Transfer (issue 13): the whole partnership to and from JSON lines, e.g. SQLite -> Cosmos DB or an offline copy.
  'rebuild summaries': {
    usage: 'rebuild summaries   counts the stored report summaries and fills the report mirrors afresh from the records (the tick does this each day)',
    run: async (ctx) => {
      const started = Date.now();
      const result = await rebuildReportSummaries(ctx);
      console.log(`Rebuilt ${result.summaries} report summaries as at ${result.builtFor} from ${result.actions} actions and ${result.reviews} reviews, and ${result.shards} mirror shards of ${result.mirrors.length} kinds, in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    },
  },
  'export all': {
    usage: 'export all --out <dir>   every kind of record as <kind>.jsonl plus manifest.json, into a new or empty directory',
    seedReferenceData: false,
    run: async (ctx, args) => {
      const { flags } = readFlags(args, ['out']);
      if (!flags.out) throw new UsageError('Name the directory: export all --out backup-2026-11-30');
      const data = await exportAll(ctx);
      const written = await writeExportDirectory(flags.out, data);
      const total = Object.values(data.manifest.counts).reduce((sum, count) => sum + count, 0);
      console.log(`Exported ${total} records of ${ctx.partnershipId} in ${written.length - 1} files to ${flags.out}.`);
    },
  },
  'import all': {
    usage: 'import all <dir>   restores an "export all" directory into an empty store (same PARTNERSHIP_ID)',
    seedReferenceData: false,
    run: async (ctx, [dir]) => {
      if (!dir) throw new UsageError('Name the directory: import all backup-2026-11-30');
      const input = await readExportDirectory(dir);
      let progress: ReturnType<typeof progressReporter> | undefined;
      const summary = await importAll(ctx, cliActor(), input, (done, total) => {
        progress ??= progressReporter('Restoring records', total);
        progress.update(done);
      });
      progress?.stop();
      console.log(`Imported ${summary.total} records of ${ctx.partnershipId} (${Object.keys(summary.counts).length} kinds).`);
    },
  },
};

class UsageError extends Error {}

/** The rows of the file an import names; without one, says how to name it (`example`). */
async function tableNamed(file: string | undefined, example: string): Promise<TableRows> {
  if (!file) throw new UsageError(`Name the file: ${example}`);
  return readTable(file);
}

/** Runs an import of `total` rows with a progress line on the terminal. */
async function withProgress<T>(label: string, total: number, work: (update: (done: number) => void) => Promise<T>): Promise<T> {
  const progress = progressReporter(label, total);
  const result = await work((done) => progress.update(done));
  progress.stop();
  return result;
}

/** "--period Q2 --format csv" into flags; words before the first flag are positional. Unknown flags are refused. */
function readFlags(args: string[], known: string[]): { positional: string[]; flags: Record<string, string> } {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index];
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [key, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!known.includes(key)) throw new UsageError(`Unknown option --${key}. Options: ${known.map((name) => `--${name}`).join(', ')}.`);
    const value = inline ?? args[index + 1];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${key} needs a value.`);
    flags[key] = value;
    if (inline === undefined) index += 1;
  }
  return { positional, flags };
}

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
    ctx = await createCliContext(loadConfig(), { seedReferenceData: VERBS[key].seedReferenceData ?? true });
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
