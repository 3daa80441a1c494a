import { checkForPersonalData, type PersonalDataGuardOptions } from '../../src/domain/personal-data-guard';

/*
 * Guard corpus tooling, shared by the unit test and the benchmark (npm run bench). It lives with the tests, not in
 * src, because the bot never uses it.
 */

/** One labelled line of the guard corpus (test/fixtures/personal-data-corpus.tsv). */
export interface GuardCorpusRow {
  expected: 'PII' | 'CLEAN';
  /** The rule expected to fire, or '-' for clean lines. */
  rule: string;
  text: string;
}

/** Corpus scores; lines are reported by index only, so a report never reprints the text. */
export interface GuardCorpusScore {
  rows: number;
  positives: number;
  negatives: number;
  truePositives: number;
  falseNegatives: number;
  falsePositives: number;
  trueNegatives: number;
  /** Flagged PII lines / PII lines. */
  recall: number;
  /** Flagged clean lines / clean lines. */
  falsePositiveRate: number;
  /** PII lines where the expected rule was among the findings / PII lines. */
  ruleMatchRate: number;
  byRule: Record<string, { positives: number; detected: number; ruleMatched: number }>;
  missedRows: number[];
  falsePositiveRows: number[];
}

/** Parses the corpus TSV (header `expected  rule  text`); blank lines and lines starting with # are skipped. */
export function parseGuardCorpus(tsv: string): GuardCorpusRow[] {
  const rows: GuardCorpusRow[] = [];
  for (const line of tsv.split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#') || line.startsWith('expected\t')) continue;
    const [expected, rule, ...text] = line.split('\t');
    if ((expected !== 'PII' && expected !== 'CLEAN') || rule === undefined || text.length === 0) {
      throw new Error(`Malformed guard corpus line ${rows.length + 1}: expected "PII|CLEAN<TAB>rule<TAB>text".`);
    }
    rows.push({ expected, rule, text: text.join('\t') });
  }
  return rows;
}

/** Scores the guard on labelled rows, shared by the unit test and the benchmark. */
export function evaluateGuardCorpus(rows: readonly GuardCorpusRow[], options: PersonalDataGuardOptions): GuardCorpusScore {
  const score: GuardCorpusScore = {
    rows: rows.length,
    positives: 0,
    negatives: 0,
    truePositives: 0,
    falseNegatives: 0,
    falsePositives: 0,
    trueNegatives: 0,
    recall: 0,
    falsePositiveRate: 0,
    ruleMatchRate: 0,
    byRule: {},
    missedRows: [],
    falsePositiveRows: [],
  };
  let ruleMatched = 0;
  rows.forEach((row, index) => {
    const result = checkForPersonalData(row.text, options);
    const flagged = !result.ok;
    if (row.expected === 'PII') {
      score.positives += 1;
      const perRule = (score.byRule[row.rule] ??= { positives: 0, detected: 0, ruleMatched: 0 });
      perRule.positives += 1;
      if (!flagged) {
        score.falseNegatives += 1;
        score.missedRows.push(index);
        return;
      }
      score.truePositives += 1;
      perRule.detected += 1;
      if (result.findings.some((finding) => finding.rule === row.rule)) {
        ruleMatched += 1;
        perRule.ruleMatched += 1;
      }
      return;
    }
    score.negatives += 1;
    if (flagged) {
      score.falsePositives += 1;
      score.falsePositiveRows.push(index);
    } else {
      score.trueNegatives += 1;
    }
  });
  score.recall = score.positives === 0 ? 1 : score.truePositives / score.positives;
  score.falsePositiveRate = score.negatives === 0 ? 0 : score.falsePositives / score.negatives;
  score.ruleMatchRate = score.positives === 0 ? 1 : ruleMatched / score.positives;
  return score;
}
