import { ValidationError } from '../errors';

/**
 * Case codes are opaque: `C` and a number (`C1`, `C12`), nothing else. The key from code to child stays outside the
 * bot, so anything that could be a name, an initial or a case number (`JS`, `C-1234567`, `Child A`) is refused.
 */
const CASE_CODE_PATTERN = /^C[1-9][0-9]{0,2}$/;

export function isCaseCode(text: string): boolean {
  return CASE_CODE_PATTERN.test(text.trim().toUpperCase());
}

/** A case code as stored (`c3` becomes `C3`), or a ValidationError that never repeats what was typed. */
export function validateCaseCode(text: string): string {
  const code = text.trim().toUpperCase();
  if (!CASE_CODE_PATTERN.test(code)) {
    throw new ValidationError('A case code is C and a number from 1 to 999 (C1, C2, ...). Never use a name, initials or a case number.', { field: 'caseCode' }, 'SCRUTINY.CASE_CODE');
  }
  return code;
}

/** Case codes separated by `;`, `,` or spaces; duplicates refused. */
export function parseCaseCodes(text: string): string[] {
  const codes: string[] = [];
  for (const part of text.split(/[;,\s]+/).filter(Boolean)) {
    const code = validateCaseCode(part);
    if (codes.includes(code)) throw new ValidationError('The same case code is listed twice.', { field: 'caseCodes' }, 'SCRUTINY.CASE_CODE_DUPLICATE');
    codes.push(code);
  }
  if (codes.length === 0) throw new ValidationError('Give at least one case code (C1, C2, ...).', { field: 'caseCodes' }, 'SCRUTINY.CASE_CODE');
  return codes;
}
