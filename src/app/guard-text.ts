import { ValidationError } from '../domain/errors';
import { checkForPersonalData, describeFindings, PersonalDataFinding } from '../domain/personal-data-guard';
import type { AppContext } from './app-context';

/**
 * Refuses free text that looks like personal data (domain.md section 7). The message names the kind of data
 * and the field, never the text; the log records only the rule ids.
 */
export function assertNoPersonalData(ctx: AppContext, fields: Record<string, string | undefined>, fieldLabels: Record<string, string> = {}): void {
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    const check = checkForPersonalData(text, { workEmailDomains: ctx.workEmailDomains });
    if (check.ok) continue;
    const rules = check.findings.map((finding: PersonalDataFinding) => finding.rule);
    ctx.logger.warn({ code: 'INPUT.PERSONAL_DATA', field, rules }, 'personal data refused');
    throw new ValidationError(
      `${fieldLabels[field] ?? 'Your text'}: ${describeFindings(check.findings)}`,
      { field, rules },
      'INPUT.PERSONAL_DATA',
    );
  }
}

/**
 * The same check for a file or form read field by field: each hit becomes a problem on its column, so an import
 * reports every row at once instead of stopping at the first.
 */
export function reportPersonalData(ctx: AppContext, reader: { problem(column: string, reason: string): void }, fields: Record<string, string | undefined>): void {
  for (const [column, text] of Object.entries(fields)) {
    if (!text) continue;
    const check = checkForPersonalData(text, { workEmailDomains: ctx.workEmailDomains });
    if (check.ok) continue;
    ctx.logger.warn({ code: 'INPUT.PERSONAL_DATA', field: column, rules: check.findings.map((finding) => finding.rule) }, 'personal data refused');
    reader.problem(column, describeFindings(check.findings));
  }
}
