import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PERSONAL_DATA_RULES,
  checkForPersonalData,
  checkIdentifierForPersonalData,
  checkUrlForPersonalData,
  describeFindings,
  normaliseForGuard,
  passesNhsModulus11,
  type PersonalDataRule,
} from '../../../src/domain/personal-data-guard';
import { evaluateGuardCorpus, parseGuardCorpus } from '../../support/guard-corpus';

const options = { workEmailDomains: ['lancashire.gov.uk', 'nhs.net', 'lancashire.police.uk'] };

function rulesFound(text: string): PersonalDataRule[] {
  const result = checkForPersonalData(text, options);
  return result.ok ? [] : result.findings.map((finding) => finding.rule);
}

describe('NHS numbers (modulus 11)', () => {
  it.each([
    ['9434765919', true],
    ['4859083016', true],
    ['9990001235', true],
    ['6010000009', true],
    ['9434765918', false],
    ['9434765910', false],
    ['9991234560', false],
    ['123456789', false],
    ['94347659190', false],
    ['943476591X', false],
  ])('passesNhsModulus11(%s) = %p', (digits, expected) => {
    expect(passesNhsModulus11(digits)).toBe(expected);
  });

  it.each([
    ['NHS number 943 476 5919 on the referral', true],
    ['NHS number 943-476-5919 on the referral', true],
    ['Health record 9434765919 checked', true],
    ['Invoice 9434765918 paid', false],
    ['Supplier ref 999 123 4560 quoted', false],
    ['943 476 59190 is too long', false],
    ['Order 19434765919 raised', false],
    ['943 4765919 mixed spacing', true],
  ])('%p flagged: %p', (text, flagged) => {
    expect(rulesFound(text).includes('NHS_NUMBER')).toBe(flagged);
  });
});

describe.each<[PersonalDataRule, string[], string[]]>([
  [
    'DATE_OF_BIRTH',
    [
      'DOB 12/03/2019, seen by the GP',
      'Child A (d.o.b. 04.11.2021) attended nursery',
      'Date of birth: 1 Feb 2022',
      'Baby J was born on 02/02/2025',
      'born 5th June 2016 in Blackburn',
      '05/05/2017 (DOB) on the school file',
      'The young person (born 2009-07-15) was excluded',
      'Father dob 18-02-1990',
    ],
    [
      'Deliver refresher training on professional curiosity to all health visitors by 31/03/2026',
      'Date of birth must not be recorded in action plan updates',
      'Babies born before 37 weeks to be included in the audit',
      'Children born between 01/04/2024 and 31/03/2025 to be offered the ICON pack',
      'All children born in the pilot area after 01/04/2025 to receive the pack',
      'Born into Care research shared on 14/05/2026',
      'Agreed at PAI on 12/05/2026. Born in Bradford findings noted',
    ],
  ],
  [
    'POSTCODE',
    ['Family lives at PR1 2AB', 'Home visit to BB11 1AA', 'The flat in M1 1AE', 'Placement at wn8 9tb', 'Moved to W1A 1AA', 'Seen at L4 0TH'],
    ['S11 2nd round moderation in July', 'M6 corridor hotspots mapped', 'Sofa surfing in the FY1 area', 'Q3 2026/27 data', 'KS2 teachers trained', 'Year 6 3rd term'],
  ],
  [
    'PHONE',
    [
      "Mother's mobile 07700 900123",
      'Contact dad on 07700900456',
      'Call +44 7700 900321 if missing',
      '+44 (0)7700 900654 belongs to the partner',
      'Landline 01632 960789',
      'Ring (01632) 960555',
      'Tel: 020 7946 0811',
      'Uncle on 0161-496-0777',
    ],
    [
      'Call the contact centre on 0300 123 6720',
      'NSPCC helpline 0808 800 5000',
      'Childline 0800 1111',
      'Call 999 in an emergency',
      'Police log LC-20250312-1044 was linked',
      'Dates: 01/06/2012 and 02/06/2012',
    ],
  ],
  [
    'EMAIL',
    ['Mother emailed from sarah.jones1987@gmail.com', 'Reply to j.smith@protonmail.com', 'kayleigh_w@hotmail.co.uk used', 'Sent from pete@lancashire.gov.uk.evil.example'],
    [
      'Contact the LSBU at lsbu.admin@lancashire.gov.uk',
      'Escalate via designated.nurse@mail.lancashire.gov.uk',
      'Health summary from lsc.safeguarding@NHS.NET',
      'Police lead: ppu.admin@lancashire.police.uk',
    ],
  ],
  [
    'NAMED_PERSON',
    [
      'Mother Sarah did not attend',
      'Child Jayden was not seen',
      'Contact with the father, John Smith, was not attempted',
      'Mum (Gemma) declined',
      'Partner: Jamie Clarke',
      "Jayden's mother did not engage",
      'Jade, the mother, was 17',
      'Mrs Henderson called the MASH',
      'Mother-in-law Margaret cared for the baby',
      'Father Connor O\'Neill was known to probation',
      'Siblings Ava and Freya were not seen separately',
      'Grandmother June cared for the baby',
    ],
    [
      "Child A's voice to be captured in every assessment",
      'Baby J was not seen alone',
      'Child AB action 3 extended',
      'Child 3 learning themes',
      'Child Protection conference chairs to record the views of fathers',
      'Child Sexual Exploitation screening tool reviewed',
      'Mother and Baby Unit referral pathway shared',
      'Father Inclusion strategy launched',
      'Discussed with mother. She agreed to the plan',
      'Partner agencies to confirm the policy',
      "Children's Social Care to refresh the protocol",
      'Parent Carer Forum consulted',
      'Mother Infant Relationship training delivered',
      'Seen by the child, June 2025 assessment',
      'Father Christmas appeal for children in care',
    ],
  ],
  [
    'CASE_NUMBER',
    [
      'Crime number MC/12345/25 relates to the assault',
      'Mosaic ID 1234567 to be checked',
      'CRN: 06/123456/25',
      'LCS ID 987654 was closed in error',
      'Case no. 45-2291 to be reviewed',
      'Crime reference number 06/234567/26 attached',
      'Police log number 0412 of 12/03/2026',
    ],
    [
      'Case no. 3 of the audit sample showed good practice',
      'CRN field to be made mandatory',
      'Mosaic upgrade scheduled for 2026-09-14',
      'Crime numbers are not shared with health',
      'LCSPR LSCP-LCSPR-2024-01 published',
      'Reference LSCP/SCR/2019/04 closed',
    ],
  ],
])('%s', (rule, flagged, clean) => {
  it.each(flagged)('flags %p', (text) => {
    expect(rulesFound(text)).toContain(rule);
  });

  it.each(clean)('does not flag %p', (text) => {
    expect(rulesFound(text)).not.toContain(rule);
  });
});

describe('findings and message', () => {
  it('passes clean text', () => {
    expect(checkForPersonalData('Audit 20 cases for evidence of escalation', options)).toEqual({ ok: true });
    expect(checkForPersonalData('', options)).toEqual({ ok: true });
  });

  it('reports each rule once, in a fixed order, with a safe label and never the matched text', () => {
    const text = 'Mother Sarah (DOB 12/03/1990) at PR1 2AB, 07700 900123, sarah.x@gmail.com, NHS 943 476 5919, crime number MC/12345/25';
    const result = checkForPersonalData(text, options);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.findings.map((finding) => finding.rule)).toEqual([...PERSONAL_DATA_RULES]);
    const serialised = JSON.stringify(result);
    for (const fragment of ['Sarah', '12/03/1990', 'PR1', '07700', 'gmail', '943', 'MC/12345']) {
      expect(serialised).not.toContain(fragment);
    }
    for (const finding of result.findings) expect(Object.keys(finding).sort()).toEqual(['label', 'rule']);
  });

  it.each([
    [[], ''],
    [['NHS_NUMBER'], 'This looks like it contains an NHS number.'],
    [['NHS_NUMBER', 'POSTCODE'], 'This looks like it contains an NHS number and a postcode.'],
    [['DATE_OF_BIRTH', 'PHONE', 'NAMED_PERSON'], "This looks like it contains a date of birth, a phone number and a person's name."],
  ] as const)('describeFindings(%p)', (rules, opening) => {
    const findings = rules.map((rule) => {
      const found = checkForPersonalData(
        {
          NHS_NUMBER: 'NHS 9434765919',
          POSTCODE: 'PR1 2AB',
          DATE_OF_BIRTH: 'DOB 01/01/2020',
          PHONE: '07700 900123',
          NAMED_PERSON: 'Mother Sarah',
        }[rule as string] ?? '',
        options,
      );
      if (found.ok) throw new Error(`example for ${rule} not flagged`);
      return found.findings[0];
    });
    const message = describeFindings(findings);
    expect(message.startsWith(opening)).toBe(true);
    if (rules.length > 0) {
      expect(message).toContain('Please rephrase without personal details: the bot records review references and pseudonyms only.');
    }
  });

  it('accepts work domains written with a leading @ or in capitals', () => {
    expect(rulesFound('Email someone@lancashire.gov.uk')).toEqual([]);
    expect(checkForPersonalData('Email someone@lancashire.gov.uk', { workEmailDomains: ['@Lancashire.GOV.uk'] })).toEqual({ ok: true });
    expect(checkForPersonalData('Email someone@lancashire.gov.uk', { workEmailDomains: [] }).ok).toBe(false);
  });
});

describe('labelled corpus (test/fixtures/personal-data-corpus.tsv)', () => {
  const rows = parseGuardCorpus(readFileSync(join(__dirname, '../../fixtures/personal-data-corpus.tsv'), 'utf8'));

  it('is big enough and labelled with known rules', () => {
    expect(rows.length).toBeGreaterThanOrEqual(240);
    const rules = new Set<string>(PERSONAL_DATA_RULES);
    for (const row of rows) expect(row.expected === 'CLEAN' ? row.rule === '-' : rules.has(row.rule)).toBe(true);
    for (const rule of PERSONAL_DATA_RULES) expect(rows.filter((row) => row.rule === rule).length).toBeGreaterThanOrEqual(10);
    expect(rows.filter((row) => row.expected === 'CLEAN').length).toBeGreaterThanOrEqual(120);
  });

  it('meets recall >= 0.95 and false positive rate <= 0.03', () => {
    const score = evaluateGuardCorpus(rows, options);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.falsePositiveRate).toBeLessThanOrEqual(0.03);
    expect(score.ruleMatchRate).toBeGreaterThanOrEqual(0.9);
    expect(score.truePositives + score.falseNegatives).toBe(score.positives);
    expect(score.falsePositives + score.trueNegatives).toBe(score.negatives);
  });
});

describe('obfuscated forms (test/fixtures/personal-data-obfuscated.tsv, issue 9)', () => {
  const rows = parseGuardCorpus(readFileSync(join(__dirname, '../../fixtures/personal-data-obfuscated.tsv'), 'utf8'));
  const all = [...rows, ...parseGuardCorpus(readFileSync(join(__dirname, '../../fixtures/personal-data-corpus.tsv'), 'utf8'))];

  it('holds every form the issue lists, for every rule', () => {
    expect(rows.filter((row) => row.expected === 'PII').length).toBeGreaterThanOrEqual(54);
    for (const rule of PERSONAL_DATA_RULES) expect(rows.filter((row) => row.rule === rule).length).toBeGreaterThanOrEqual(5);
  });

  it('refuses at least 95% of them, and keeps the false-positive rate on practice text at 5% or less', () => {
    const score = evaluateGuardCorpus(rows, options);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.falsePositiveRate).toBeLessThanOrEqual(0.05);
    expect(evaluateGuardCorpus(all, options).falsePositiveRate).toBeLessThanOrEqual(0.05);
  });

  it.each([
    ['fullwidth digits and at sign', 'ｊｏ＠ｇｍａｉｌ．ｃｏｍ ９４３', 'jo@gmail.com 943'],
    ['zero-width characters', 'Ja\u200byden\u2060 \ufeffSmith', 'Jayden Smith'],
    ['Arabic-Indic digits', '\u0669\u0664\u0663', '943'],
    ['non-breaking spaces and dashes', '943\u00a0476\u2013 5919', '943 476- 5919'],
    ['a spelled-out address', 'jo at gmail dot co dot uk', 'jo@gmail.co.uk'],
  ])('normalises %s', (_name, text, expected) => {
    expect(normaliseForGuard(text)).toBe(expected);
  });
});

describe('links and identifiers (issue 9)', () => {
  const rules = (check: ReturnType<typeof checkForPersonalData>) => (check.ok ? [] : check.findings.map((finding) => finding.rule));

  it.each([
    ['https://tenant.sharepoint.com/sites/LSCP/Child Jayden Smith DOB 14-03-2019', ['DATE_OF_BIRTH', 'NAMED_PERSON']],
    ['https://tenant.sharepoint.com/sites/LSCP/Child%20Jayden%20Smith', ['NAMED_PERSON']],
    ['https://tenant.sharepoint.com/sites/LSCP/Shared%20Documents/report.docx?nhs=943+476+5919', ['NHS_NUMBER']],
    ['https://tenant.sharepoint.com/sites/LSCP/Mother_Sarah_Jones.docx', ['NAMED_PERSON']],
  ])('refuses the link %p', (url, expected) => {
    expect(rules(checkUrlForPersonalData(url, options))).toEqual(expect.arrayContaining(expected));
  });

  it.each([
    'https://tenant.sharepoint.com/sites/LSCP/Shared%20Documents/Audit%20report%202025.docx',
    'https://lancashire.sharepoint.com/:w:/r/sites/LSCP/Evidence/A1-briefing.pdf?csf=1&web=1',
    'https://teams.microsoft.com/l/file/ABC123?tenantId=11111111-2222-4333-8444-555555555555',
  ])('accepts the ordinary link %p', (url) => {
    expect(checkUrlForPersonalData(url, options)).toEqual({ ok: true });
  });

  it.each([
    ['RR-9434765919', 'NHS_NUMBER'],
    ['JAYDEN-SMITH-2019', 'NAMED_PERSON'],
    ['14.03.2019', 'DATE_OF_BIRTH'],
    ['LSCP-PR1-2AB', 'POSTCODE'],
  ])('refuses the identifier %p', (identifier, rule) => {
    expect(rules(checkIdentifierForPersonalData(identifier, options))).toContain(rule);
  });

  it.each(['LSCP-RR-2025-03', 'DEMO-LCSPR-2025-01', 'LSCP-CASE-REVIEW-2025', 'A1', '2.3', 'LSCP-RR-2025-03/A1', 'S11-2026-27', 'Child A', 'Baby J'])(
    'accepts the identifier %p',
    (identifier) => {
      expect(checkIdentifierForPersonalData(identifier, options)).toEqual({ ok: true });
    },
  );
});

describe('corpus helpers', () => {
  it('parses rows, skipping the header, comments and blank lines', () => {
    const tsv = 'expected\trule\ttext\n# a comment\n\nPII\tPOSTCODE\tLives at PR1 2AB\nCLEAN\t-\tAudit 20 cases\r\n';
    expect(parseGuardCorpus(tsv)).toEqual([
      { expected: 'PII', rule: 'POSTCODE', text: 'Lives at PR1 2AB' },
      { expected: 'CLEAN', rule: '-', text: 'Audit 20 cases' },
    ]);
  });

  it.each(['MAYBE\t-\ttext', 'PII\tPOSTCODE', 'just text'])('refuses a malformed line %p', (line) => {
    expect(() => parseGuardCorpus(line)).toThrow('Malformed guard corpus line');
  });

  it('scores by row index, without repeating text', () => {
    const score = evaluateGuardCorpus(
      [
        { expected: 'PII', rule: 'POSTCODE', text: 'Lives at PR1 2AB' },
        { expected: 'PII', rule: 'NAMED_PERSON', text: 'mum sarah attended' },
        { expected: 'PII', rule: 'PHONE', text: 'Mother Sarah attended' },
        { expected: 'CLEAN', rule: '-', text: 'Audit 20 cases' },
        { expected: 'CLEAN', rule: '-', text: 'Ring 07700 900123' },
      ],
      options,
    );
    expect(score).toMatchObject({
      rows: 5,
      positives: 3,
      negatives: 2,
      truePositives: 2,
      falseNegatives: 1,
      falsePositives: 1,
      trueNegatives: 1,
      missedRows: [1],
      falsePositiveRows: [4],
    });
    expect(score.recall).toBeCloseTo(2 / 3);
    expect(score.falsePositiveRate).toBe(0.5);
    expect(score.ruleMatchRate).toBeCloseTo(1 / 3);
    expect(score.byRule.PHONE).toEqual({ positives: 1, detected: 1, ruleMatched: 0 });
    expect(JSON.stringify(score)).not.toContain('sarah');
  });
});
