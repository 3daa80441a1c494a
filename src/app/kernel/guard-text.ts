import { ValidationError } from '../../domain/errors';
import { checkForPersonalData, checkIdentifierForPersonalData, checkUrlForPersonalData, PersonalDataFinding, describeFindings } from '../../domain/personal-data-guard';
import type { AppContext } from './app-context';

/** How a field is read: free text, an identifier (reference, ref, pseudonym) or a link (path and query are text). */
export type GuardedFieldKind = 'text' | 'identifier' | 'url';

const CHECKS = { text: checkForPersonalData, identifier: checkIdentifierForPersonalData, url: checkUrlForPersonalData };

/** What the guard found in one field, logged by rule only (never the text); undefined when the field is clean. */
function personalDataIn(ctx: AppContext, field: string, text: string | undefined, kind: GuardedFieldKind = 'text'): PersonalDataFinding[] | undefined {
  if (!text) return undefined;
  const check = CHECKS[kind](text, { workEmailDomains: ctx.workEmailDomains });
  if (check.ok) return undefined;
  ctx.logger.warn({ code: 'INPUT.PERSONAL_DATA', field, rules: check.findings.map((finding) => finding.rule) }, 'personal data refused');
  return check.findings;
}

/**
 * Refuses free text that looks like personal data (docs/design/domain.md section 7). The message names the kind of data
 * and the field, never the text; the log records only the rule ids.
 */
export function assertNoPersonalData(
  ctx: AppContext,
  fields: Record<string, string | undefined>,
  fieldLabels: Record<string, string> = {},
  kinds: Record<string, GuardedFieldKind> = {},
): void {
  for (const [field, text] of Object.entries(fields)) {
    const findings = personalDataIn(ctx, field, text, kinds[field] ?? kindOf(field));
    if (!findings) continue;
    throw new ValidationError(
      `${fieldLabels[field] ?? 'Your text'}: ${describeFindings(findings)}`,
      { field, rules: findings.map((finding) => finding.rule) },
      'INPUT.PERSONAL_DATA',
    );
  }
}

/**
 * The same check for a file or form read field by field: each hit becomes a problem on its column, so an import
 * reports every row at once instead of stopping at the first.
 */
export function reportPersonalData(ctx: AppContext, reader: { problem(column: string, reason: string): void }, fields: Record<string, string | undefined>, kinds: Record<string, GuardedFieldKind> = {}): void {
  for (const [column, text] of Object.entries(fields)) {
    const findings = personalDataIn(ctx, column, text, kinds[column] ?? kindOf(column));
    if (findings) reader.problem(column, describeFindings(findings));
  }
}

/** Links by their field name (`evidenceUrl`, `evidenceUrl_<id>`, `url`), everything else as free text unless told. */
function kindOf(field: string): GuardedFieldKind {
  return /url/i.test(field) ? 'url' : 'text';
}
