import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateGuardCorpus, parseGuardCorpus } from '../test/support/guard-corpus';
import { heading, row } from './stats';

const CORPUS = join(__dirname, '..', '..', 'test', 'fixtures', 'personal-data-corpus.tsv');
const OBFUSCATED = join(__dirname, '..', '..', 'test', 'fixtures', 'personal-data-obfuscated.tsv');
const OPTIONS = { workEmailDomains: ['lancashire.gov.uk', 'nhs.net', 'lancashire.police.uk'] };

/** The personal-data guard on the labelled corpus: recall, false-positive rate and the figures by rule. */
export function benchGuard(): void {
  const rows = parseGuardCorpus(readFileSync(CORPUS, 'utf8'));
  const score = evaluateGuardCorpus(rows, OPTIONS);
  heading(`Personal-data guard (labelled corpus: ${score.positives} lines with personal data, ${score.negatives} clean)`);
  row('recall (personal data refused)', `${(score.recall * 100).toFixed(1)}%`, `${score.truePositives}/${score.positives}`);
  row('false-positive rate (clean text refused)', `${(score.falsePositiveRate * 100).toFixed(1)}%`, `${score.falsePositives}/${score.negatives}`);
  row('right rule named', `${(score.ruleMatchRate * 100).toFixed(1)}%`);
  for (const [rule, figures] of Object.entries(score.byRule)) {
    row(`  ${rule}`, `detected ${figures.detected}/${figures.positives}`, `rule named ${figures.ruleMatched}/${figures.positives}`);
  }
  const obfuscated = evaluateGuardCorpus(parseGuardCorpus(readFileSync(OBFUSCATED, 'utf8')), OPTIONS);
  row('obfuscated forms refused (issue 9)', `${(obfuscated.recall * 100).toFixed(1)}%`, `${obfuscated.truePositives}/${obfuscated.positives}`);
  row('obfuscated set: close practice text refused', `${(obfuscated.falsePositiveRate * 100).toFixed(1)}%`, `${obfuscated.falsePositives}/${obfuscated.negatives}`);
  const start = process.hrtime.bigint();
  const rounds = 20;
  for (let round = 0; round < rounds; round += 1) evaluateGuardCorpus(rows, OPTIONS);
  const perLineInUs = Number(process.hrtime.bigint() - start) / 1e3 / (rounds * rows.length);
  row('time per line checked', `${perLineInUs.toFixed(1)} µs`);
}
