/**
 * Input guard (docs/design/domain.md §7): the bot must never store names, dates of birth, addresses, NHS numbers, case or crime
 * numbers, phone numbers or private emails. The guard flags likely personal data so the user can rephrase; it is a
 * heuristic safety net, not a guarantee, and it never repeats the text it matched.
 */

/** Stable rule ids, logged and counted without the text that triggered them. */
export const PERSONAL_DATA_RULES = [
  'NHS_NUMBER',
  'DATE_OF_BIRTH',
  'POSTCODE',
  'PHONE',
  'EMAIL',
  'NAMED_PERSON',
  'CASE_NUMBER',
] as const;
export type PersonalDataRule = (typeof PERSONAL_DATA_RULES)[number];

/** One kind of personal data found; `label` is safe to show and never holds matched text. */
export interface PersonalDataFinding {
  rule: PersonalDataRule;
  label: string;
}

/** Guard settings: work email domains are the partnership's own, so addresses there are not flagged. */
export interface PersonalDataGuardOptions {
  workEmailDomains: readonly string[];
}

/** The guard's answer. */
export type PersonalDataCheck = { ok: true } | { ok: false; findings: PersonalDataFinding[] };

const LABELS: Readonly<Record<PersonalDataRule, string>> = Object.freeze({
  NHS_NUMBER: 'an NHS number',
  DATE_OF_BIRTH: 'a date of birth',
  POSTCODE: 'a postcode',
  PHONE: 'a phone number',
  EMAIL: 'a personal email address',
  NAMED_PERSON: "a person's name",
  CASE_NUMBER: 'a case or crime number',
});

// NHS numbers: 10 digits, written solid or 3-3-4 with any separators, with a modulus 11 check digit (NHS Data Dictionary).
const NHS_CANDIDATE = /(?<![\d.])(\d{3})[ .-]?(\d{3})[ .-]?(\d{4})(?![\d])/g;

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE_SOURCE = [
  String.raw`\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b`,
  String.raw`\b\d{4}-\d{1,2}-\d{1,2}\b`,
  String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTHS})\.?,?\s+\d{4}\b`,
  String.raw`\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b`,
  String.raw`\b(?:${MONTHS})\.?\s+\d{4}\b`,
].join('|');
const DATE = new RegExp(DATE_SOURCE, 'i');
const DATES = new RegExp(DATE_SOURCE, 'gi');
const DOB_CUE = /\b(?:d[.\s-]{0,2}o[.\s-]{0,2}b\b\.?|date\s+of\s+birth|birth\s*date|birthday|born)/gi;
const DOB_CUE_AFTER_DATE = /^\s*[([,:\-–]?\s*(?:d[.\s-]{0,2}o[.\s-]{0,2}b\b|date\s+of\s+birth|birth\s*date)/i;
// After a birth cue, a date written with spaces ("DOB: 14 03 2019") counts too.
const SPACED_DATE = /\b\d{1,2}\s\d{1,2}\s(?:\d{4}|\d{2})\b/;
// "babies born before 37 weeks", "children born after 01/04/2025": a cohort, not one child's birth date.
const COHORT_AFTER_BORN = /^\s*(?:before|after|between|since|from|prior\s+to|during|in\s+or\s+after|on\s+or\s+(?:before|after))\b/i;
const SENTENCE_END = /[.;!?](?=\s|$)|\n/;
const DOB_MAX_WORDS_BETWEEN = 3;
const LOOKAHEAD_CHARS = 80;

// Full UK postcodes only (outward + inward), per the Royal Mail format rules.
const POSTCODE = /\b[A-PR-UWYZ](?:\d|\d\d|\d[A-HJKPSTUW]|[A-HK-Y]\d|[A-HK-Y]\d\d|[A-HK-Y]\d[ABEHMNPRVWXY])[\s-]?(\d)([ABD-HJLNP-UW-Z]{2})\b/gi;
const ORDINAL_SUFFIX: Readonly<Record<string, string>> = { '1': 'st', '2': 'nd', '3': 'rd', '4': 'th', '5': 'th', '6': 'th', '7': 'th', '8': 'th', '9': 'th' };

// UK numbers: mobiles 07 (10 digits after the 0), geographic 01/02 (9 or 10). 03/08/09 are organisations' numbers.
const PHONE = /(?<![\w+])(?:(?:\+|00)44[\s.-]?(?:\(0\)[\s.-]?)?|\(?0)([1-9](?:[\s().-]{0,2}\d){8,9})(?![\s.-]?\d)/g;

// The lookbehind anchors the local part at its start, keeping the scan linear on long runs of letters.
const EMAIL = /(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+)/g;

const PERSON_CUES = [
  'child', 'children', 'baby', 'babies', 'infant', 'young person', 'yp', 'mother', 'mum', 'mummy', 'mom', 'father',
  'dad', 'daddy', 'stepfather', 'step-father', 'stepdad', 'step-dad', 'stepmother', 'step-mother', 'stepmum', 'step-mum',
  'sibling', 'siblings', 'brother', 'sister', 'partner', 'ex-partner', 'boyfriend', 'girlfriend', 'husband', 'wife',
  'grandmother', 'grandfather', 'grandma', 'grandad', 'granddad', 'grandparent', 'nan', 'nana', 'uncle', 'aunt',
  'auntie', 'aunty', 'cousin', 'nephew', 'niece', 'son', 'daughter', 'parent', 'parents', 'carer', 'perpetrator',
  'victim', 'twin', 'twins', 'brothers', 'sisters', 'cousins', 'sons', 'daughters', 'grandparents',
];
const PERSON_CUE = new RegExp(String.raw`\b(?:${PERSON_CUES.map((c) => c.replace(/[ -]/g, String.raw`[\s-]?`)).join('|')})(?:-in-law)?\b`, 'gi');
const TITLE_CUE = /\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+/g;
const NAME = String.raw`(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?`;
const NAME_AT_START = new RegExp(`^${NAME}`);
const NAME_AFTER_CUE = new RegExp(String.raw`^\s*(?:[,:(]\s*|[–-]\s*)?(${NAME})`);
const NAME_BEFORE_CUE = new RegExp(String.raw`\b(${NAME})['’]s\s+(?:(?:step|half|ex)-?)?(?:${PERSON_CUES.join('|')})\b`, 'g');
// "Jayden Smith (the child)": a name with the cue in brackets after it.
const NAME_BRACKETED_CUE = new RegExp(String.raw`\b(${NAME})(?:\s+${NAME})?\s*\(\s*(?:the\s+|a\s+|their\s+)?(?:(?:step|half|ex)-?)?(?:${PERSON_CUES.join('|')})\s*\)`, 'g');
// "child JAYDEN SMITH": a name in capitals (two words) after a cue written in ordinary case.
const CAPITALS_NAME_AFTER_CUE = /^\s*(?:[,:(]\s*|[–-]\s+)?([A-Z]{2,}(?:-[A-Z]{2,})?)\s+([A-Z]{2,}(?:-[A-Z]{2,})?)\b/;
// Acronyms that follow a cue word in practice text ("child CP plan", "children LAC REVIEW").
const CAPITALS_NOT_A_NAME = new Set(['cp', 'cin', 'cpp', 'lac', 'cla', 'cse', 'cce', 'camhs', 'send', 'sen', 'ehcp', 'mash', 'yot', 'gp', 'ae', 'dv', 'da', 'rr', 'lcspr', 'cspr', 'risk', 'plan', 'review', 'panel', 'case']);
// "Jade, the mother, ...": a name in apposition before the cue.
const NAME_APPOSITION = new RegExp(String.raw`\b(${NAME}),\s+(?:the\s+|a\s+|their\s+|his\s+|her\s+)(?:child's\s+|children's\s+|baby's\s+)?(?:(?:step|half|ex)-?)?(?:${PERSON_CUES.join('|')})\b`, 'g');

// Capitalised words that follow the cue words in safeguarding terms, titles and ordinary sentences.
const NOT_A_NAME = new Set(
  `
  protection sexual exploitation criminal death deaths overview safeguarding practice review reviews health mental care
  services service social in need and of unit units inclusion plan plans abuse development poverty trafficking advocacy
  contact friendly centred centered arrangements assessment assessments welfare benefit maintenance minding minder
  psychiatric psychology adolescent looked missing bereavement disability disabilities disabled first voice lived
  experience wellbeing neglect domestic online employment marriage labour carers home homes matters line centre centres
  nurse nurses nursing clinic bank box loss massage room week steps groups group hub hubs champion champions figures
  figure engagement inclusive network toddler toddlers programme programmes program project initiative pack packs
  forum panel panels tracker framework strategy pathway pathways toolkit guidance policy procedures procedure work
  worker workers meeting meetings conference conferences liaison lead leads team teams support safety safe sleep
  behaviour checklist training hospital hospitals act acts commissioner society trust court courts guardian
  agency agencies organisation organisations partnership partnerships tongue talk talks pad awareness day month year
  focused focussed led sexually harmful exploited criminally injury injuries bruising
  protective involvement voices views wishes feelings records record file files information sharing
  benefits allowance tax credit aid alert flag flags register registration registrations growth
  checks check foster fostering adoption adoptive kinship placement placements notification notifications
  relationship relationships attachment perinatal antenatal postnatal maternity midwifery midwife feeding nutrition
  oral dental immunisation vaccination advisory participation accommodation housing sufficiency visits visiting
  coordinator co-ordinator officer officers manager managers advocate advocates ambassador ambassadors navigator
  navigators whole think early help time intelligence stakeholder stakeholders event events christmas form forms
  the this that these those he she they it we i his her their our its you your
  but or so then when where while who which what why how as at on by for from with without after before
  during since until if however also although because both each every all any no not none some other another
  further yes please action actions following including
  monday tuesday wednesday thursday friday saturday sunday
  lancashire blackpool blackburn darwen preston burnley chorley fylde hyndburn lancaster pendle ribble valley
  rossendale south west wyre morecambe cumbria england wales britain british english uk police ofsted
  council county city borough national local regional north east
  today tomorrow yesterday everyone someone somebody nobody anyone
  `
    .split(/\s+/)
    .filter((word) => word.length > 0),
);
const MONTH_NAMES = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);
const CUE_WORDS = new Set(PERSON_CUES.flatMap((cue) => [cue, cue.replace('-', '')]));

const CASE_CUE =
  /\b(?:(?:case|file|crime|police|incident|log|occurrence|referral)\s*(?:no\b\.?|num(?:ber)?\b\.?|ref(?:erence)?\b\.?|id\b)|crn\b|(?:mosaic|lcs|liquidlogic|pnc|niche)\b(?:\s*(?:id\b|no\b\.?|num(?:ber)?\b|ref(?:erence)?\b))?)/gi;
// Crime references are written force/number/year, e.g. 06/123456/25 or MC/12345/25.
const CRIME_REFERENCE = /\b(?:\d{2}|[A-Z]{2})\/\d{5,7}\/\d{2}\b/;
// Police incident logs are quoted as "log 0412 of 12/03/2026".
const POLICE_LOG_TOKEN = /^\s*(?:(?:[:#.\-–]|no\b\.?|num(?:ber)?\b)\s*)*\d{3,5}\s+of\s+\d{1,2}[/.-]\d{1,2}/i;
// "log 0412 of 12/03/2026" names an incident whatever word comes before "log".
const POLICE_LOG = /\blog\s*(?:(?:[:#]|no\b\.?|num(?:ber)?\b)\s*)*\d{3,5}\s+of\s+\d{1,2}[/.-]\d{1,2}/i;
const CASE_TOKEN = /^\s*(?:(?:[:#.\-–]|no\b\.?|num(?:ber)?\b|ref(?:erence)?\b|id\b|is\b|was\b)\s*)*([A-Z0-9][A-Z0-9/-]{3,}[A-Z0-9])/i;

/** The NHS modulus 11 check: weights 10..2 on the first nine digits; a check value of 10 is never issued. */
export function passesNhsModulus11(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

function hasNhsNumber(text: string): boolean {
  for (const match of text.matchAll(NHS_CANDIDATE)) {
    if (passesNhsModulus11(`${match[1]}${match[2]}${match[3]}`)) return true;
  }
  return false;
}

function wordsIn(text: string): number {
  return (text.match(/[A-Za-z0-9]+/g) ?? []).length;
}

function hasDateOfBirth(text: string): boolean {
  for (const cue of text.matchAll(DOB_CUE)) {
    const end = (cue.index ?? 0) + cue[0].length;
    let window = text.slice(end, end + 60);
    const stop = SENTENCE_END.exec(window);
    if (stop) window = window.slice(0, stop.index);
    if (cue[0].toLowerCase() === 'born' && COHORT_AFTER_BORN.test(window)) continue;
    const date = DATE.exec(window) ?? SPACED_DATE.exec(window);
    if (date && wordsIn(window.slice(0, date.index)) <= DOB_MAX_WORDS_BETWEEN) return true;
  }
  for (const date of text.matchAll(DATES)) {
    const end = (date.index ?? 0) + date[0].length;
    const after = text.slice(end, end + LOOKAHEAD_CHARS);
    if (DOB_CUE_AFTER_DATE.test(after)) return true;
  }
  return false;
}

function hasPostcode(text: string): boolean {
  for (const match of text.matchAll(POSTCODE)) {
    const [, digit, letters] = match;
    // "S11 2nd round" is a section 11 round, not a postcode.
    if (letters === letters.toLowerCase() && ORDINAL_SUFFIX[digit] === letters) continue;
    return true;
  }
  return false;
}

function hasPhoneNumber(text: string): boolean {
  for (const match of text.matchAll(PHONE)) {
    const national = match[1].replace(/\D/g, '');
    if (national.startsWith('7') && national.length === 10) return true;
    if ((national.startsWith('1') || national.startsWith('2')) && (national.length === 9 || national.length === 10)) return true;
  }
  return false;
}

function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^[@.]+/, '').replace(/\.+$/, '');
}

function hasPrivateEmail(text: string, workEmailDomains: readonly string[]): boolean {
  const allowed = workEmailDomains.map(normaliseDomain).filter((d) => d.length > 0);
  for (const match of text.matchAll(EMAIL)) {
    const domain = normaliseDomain(match[1]);
    if (!allowed.some((work) => domain === work || domain.endsWith(`.${work}`))) return true;
  }
  return false;
}

// Abstract-noun endings that given names do not have ("Mother Infant Relationship", "Partner Notification").
const NOT_A_NAME_SUFFIX = /(?:tion|tions|sion|sions|ment|ments|ship|ships|ness|ism|ogy|ics|ive|ives)$/;
const LONG_ING = /^.{4,}ing$/;

function looksLikeName(word: string): boolean {
  const lower = word.toLowerCase();
  return !NOT_A_NAME.has(lower) && !CUE_WORDS.has(lower) && !NOT_A_NAME_SUFFIX.test(lower) && !LONG_ING.test(lower);
}

function looksLikeCapitalsName(word: string): boolean {
  const lower = word.toLowerCase();
  return lower.length >= 3 && /[aeiouy]/.test(lower) && !CAPITALS_NOT_A_NAME.has(lower) && looksLikeName(word);
}

// April, May and June are given names too; only "June 2025" or "May 12" reads as a date.
function isMonthBeforeNumber(word: string, after: string): boolean {
  return MONTH_NAMES.has(word.toLowerCase()) && /^\s*\d/.test(after);
}

function hasNamedPerson(text: string): boolean {
  for (const cue of text.matchAll(PERSON_CUE)) {
    const start = (cue.index ?? 0) + cue[0].length;
    const window = text.slice(start, start + LOOKAHEAD_CHARS);
    const name = NAME_AFTER_CUE.exec(window);
    if (name && looksLikeName(name[1]) && !isMonthBeforeNumber(name[1], window.slice(name[0].length))) return true;
    const capitals = cue[0] !== cue[0].toUpperCase() ? CAPITALS_NAME_AFTER_CUE.exec(window) : null;
    if (capitals && [capitals[1], capitals[2]].every(looksLikeCapitalsName)) return true;
  }
  for (const title of text.matchAll(TITLE_CUE)) {
    const start = (title.index ?? 0) + title[0].length;
    const name = NAME_AT_START.exec(text.slice(start, start + LOOKAHEAD_CHARS));
    if (name && looksLikeName(name[0])) return true;
  }
  for (const match of [...text.matchAll(NAME_BEFORE_CUE), ...text.matchAll(NAME_APPOSITION), ...text.matchAll(NAME_BRACKETED_CUE)]) {
    if (looksLikeName(match[1])) return true;
  }
  return false;
}

function hasCaseNumber(text: string): boolean {
  if (CRIME_REFERENCE.test(text) || POLICE_LOG.test(text)) return true;
  for (const cue of text.matchAll(CASE_CUE)) {
    const start = (cue.index ?? 0) + cue[0].length;
    const rest = text.slice(start, start + LOOKAHEAD_CHARS);
    const token = CASE_TOKEN.exec(rest);
    if ((token && /\d/.test(token[1])) || POLICE_LOG_TOKEN.test(rest)) return true;
  }
  return false;
}

/** Checks free text before it is stored or echoed; findings name the kind of data only, never the text. */
export function checkForPersonalData(input: string, options: PersonalDataGuardOptions): PersonalDataCheck {
  const text = normaliseForGuard(input);
  const detectors: Record<PersonalDataRule, () => boolean> = {
    NHS_NUMBER: () => hasNhsNumber(text),
    DATE_OF_BIRTH: () => hasDateOfBirth(text),
    POSTCODE: () => hasPostcode(text),
    PHONE: () => hasPhoneNumber(text),
    EMAIL: () => hasPrivateEmail(text, options.workEmailDomains),
    NAMED_PERSON: () => hasNamedPerson(text),
    CASE_NUMBER: () => hasCaseNumber(text),
  };
  const findings = PERSONAL_DATA_RULES.filter((rule) => detectors[rule]()).map((rule) => ({ rule, label: LABELS[rule] }));
  return findings.length === 0 ? { ok: true } : { ok: false, findings };
}

function joinLabels(labels: readonly string[]): string {
  if (labels.length <= 1) return labels.join('');
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

const FINDINGS_OPENING = 'This looks like it contains';

/** Whether a field's problem is a personal-data refusal: a form shown again must then leave that field empty. */
export function isPersonalDataReason(reason: string): boolean {
  return reason.includes(FINDINGS_OPENING);
}

/** The message asking the user to rephrase; empty when there is nothing to report. */
export function describeFindings(findings: readonly PersonalDataFinding[]): string {
  const labels = [...new Set(findings.map((finding) => finding.label))];
  if (labels.length === 0) return '';
  return `${FINDINGS_OPENING} ${joinLabels(labels)}. Please rephrase without personal details: the bot records review references and pseudonyms only.`;
}

// Zero-width and invisible formatting characters that split a number or a word without showing (code point ranges).
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad], [0x034f, 0x034f], [0x061c, 0x061c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180f], [0x200b, 0x200f],
  [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xffa0, 0xffa0],
];
const NON_ASCII = /[^ -~\t\n\r]/;

function withoutInvisible(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (!INVISIBLE_RANGES.some(([from, to]) => code >= from && code <= to)) out += char;
  }
  return out;
}
// Dashes of every width read as a hyphen.
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/g;
// Horizontal spaces of every width (NFKC keeps some) read as one space.
const SPACES = /[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
// Decimal digits of other scripts that NFKC leaves alone: the code point of each script's zero.
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6, 0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0];
const OTHER_DIGITS = /\p{Nd}/gu;
// "jo.bloggs at gmail dot com", "jo (at) gmail [dot] com".
const BRACKETED_AT_DOT = /\s*[([{]\s*(at|dot)\s*[)\]}]\s*/gi;
const SPELLED_EMAIL = /(?<![A-Za-z0-9._%+'-])([A-Za-z0-9._%+'-]+)\s+at\s+([A-Za-z0-9-]+(?:\s+dot\s+[A-Za-z0-9-]+)+)\b/gi;
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

function asciiDigit(char: string): string {
  const code = char.codePointAt(0) as number;
  if (code < 0x80) return char;
  const zero = DIGIT_ZEROS.find((start) => code >= start && code <= start + 9);
  return zero === undefined ? char : String(code - zero);
}

function decodePercentRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run;
  }
}

/**
 * What the guard reads: the text after Unicode compatibility normalisation (NFKC: fullwidth digits and ＠, ligatures),
 * with invisible characters removed, digits of other scripts as ASCII, every dash as a hyphen, runs of spaces as one,
 * %-escapes decoded and spelled-out email addresses ("at gmail dot com") rejoined. Obfuscation cannot hide from a
 * rule this way, and the rules stay written for plain text.
 */
export function normaliseForGuard(text: string): string {
  return withoutInvisible(text.normalize('NFKC'))
    .replace(PERCENT_RUN, decodePercentRun)
    .normalize('NFKC')
    .replace(OTHER_DIGITS, asciiDigit)
    .replace(DASHES, '-')
    .replace(SPACES, ' ')
    .replace(BRACKETED_AT_DOT, (_match, word: string) => ` ${word.toLowerCase()} `)
    .replace(SPELLED_EMAIL, (_match, local: string, domain: string) => `${local}@${domain.replace(/\s+dot\s+/gi, '.')}`);
}

/**
 * The readable text of a link: its host, path, query and fragment with %-escapes decoded and the separators a path
 * uses (`/`, `_`, `+`, `=`, `&`) as spaces, so "…/Child%20Jayden%20Smith" reads as words. Anything that is not a URL
 * is returned as it is.
 */
export function textOfUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return text;
  }
  const parts = [url.pathname, url.search, url.hash].map((part) => decodePercentRun(part.replace(/\+/g, ' ')));
  return `${url.hostname} ${parts.join(' ')}`.replace(/[/_+=&?#]+/g, ' ');
}

// An identifier written as a full date ("14.03.2019", "RR-14-03-19") carries a date where none is needed.
const DATE_IN_IDENTIFIER = /(?<!\d)\d{1,2}[.\-/_ ]\d{1,2}[.\-/_ ](?:\d{4}|\d{2})(?!\d)/;
// Words that make up review and action references ("LSCP-CASE-REVIEW-2025"), not names.
const REFERENCE_WORDS = new Set(['case', 'review', 'rapid', 'demo', 'audit', 'practice', 'serious', 'local', 'national', 'child', 'children', 'safeguarding', 'learning', 'action', 'plan', 'panel', 'test', 'pilot', 'thematic', 'multi', 'agency', 'joint', 'area', 'north', 'south', 'east', 'west', 'central', 'lancs', 'lancashire', 'blackpool', 'blackburn', 'scrutiny', 'section', 'inspection', 'jtai', 'ofsted', 'cqc']);

function looksLikeNameWord(segment: string): boolean {
  const lower = segment.toLowerCase();
  return /^[a-z]{3,}$/.test(lower) && /[aeiouy]/.test(lower) && !REFERENCE_WORDS.has(lower) && looksLikeName(segment);
}

/**
 * Checks an identifier a user typed (a review reference, an action ref, a pseudonym): the free-text rules on the
 * identifier read as words, plus two rules for identifiers, which carry no dates and no names: a full date
 * anywhere, and two name-like words side by side ("JAYDEN-SMITH-2019").
 */
export function checkIdentifierForPersonalData(identifier: string, options: PersonalDataGuardOptions): PersonalDataCheck {
  const text = normaliseForGuard(identifier);
  const asWords = text.replace(/[_/.\\]+/g, ' ').replace(/(?<=[A-Za-z])-(?=[A-Za-z])/g, ' ');
  const findings = new Map<PersonalDataRule, PersonalDataFinding>();
  for (const check of [checkForPersonalData(text, options), checkForPersonalData(asWords, options)]) {
    if (!check.ok) for (const finding of check.findings) findings.set(finding.rule, finding);
  }
  if (DATE_IN_IDENTIFIER.test(text)) findings.set('DATE_OF_BIRTH', { rule: 'DATE_OF_BIRTH', label: LABELS.DATE_OF_BIRTH });
  const segments = text.split(/[^A-Za-z]+/).filter(Boolean);
  if (segments.some((segment, index) => index > 0 && looksLikeNameWord(segments[index - 1]) && looksLikeNameWord(segment))) {
    findings.set('NAMED_PERSON', { rule: 'NAMED_PERSON', label: LABELS.NAMED_PERSON });
  }
  const found = PERSONAL_DATA_RULES.filter((rule) => findings.has(rule)).map((rule) => findings.get(rule) as PersonalDataFinding);
  return found.length === 0 ? { ok: true } : { ok: false, findings: found };
}

/** Checks a link a user gave (evidence): the host, path, query and fragment are text like any other. */
export function checkUrlForPersonalData(url: string, options: PersonalDataGuardOptions): PersonalDataCheck {
  const raw = checkForPersonalData(url, options);
  const read = checkForPersonalData(textOfUrl(normaliseForGuard(url)), options);
  const findings = new Map<PersonalDataRule, PersonalDataFinding>();
  for (const check of [raw, read]) if (!check.ok) for (const finding of check.findings) findings.set(finding.rule, finding);
  const found = PERSONAL_DATA_RULES.filter((rule) => findings.has(rule)).map((rule) => findings.get(rule) as PersonalDataFinding);
  return found.length === 0 ? { ok: true } : { ok: false, findings: found };
}
