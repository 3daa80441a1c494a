import { gradesByAgency, gradesByDomain, type CaseAudit } from '../../../src/domain/scrutiny/case-audit';
import { parseCaseCodes, validateCaseCode } from '../../../src/domain/scrutiny/case-code';
import { addFinding } from '../../../src/domain/scrutiny/findings';
import { moveStage, nextScrutinyRef, parseScrutinyTools, proposePiece, SCRUTINY_STAGES, type ScrutinyPiece } from '../../../src/domain/scrutiny/piece';
import { addRecommendation, agreeRecommendation } from '../../../src/domain/scrutiny/recommendation';
import { actionSourceText } from '../../../src/domain/actions/action';
import { scrutinyDocument, scrutinyReport } from '../../../src/domain/scrutiny/report';
import { isTriangulated, readEvidenceKeys, triangulationLabel, evidenceOptions } from '../../../src/domain/scrutiny/triangulation';

const by = { by: 'lead', on: '2026-11-30T10:00:00.000Z' };
const DOMAINS = ['VOICE_OF_THE_CHILD', 'ASSESSMENT'];

function piece(overrides: Partial<ScrutinyPiece> = {}): ScrutinyPiece {
  return {
    ...proposePiece(
      { ref: 'SCR-2026-1', period: '2026/27', title: 'Neglect', themes: ['neglect'], tools: ['CASE_FILE_AUDIT', 'PRACTITIONER_FEEDBACK'], leadId: 'lead', agencyIds: ['police', 'health'], evidenceDue: '2027-01-15', reportDue: '2027-02-28' },
      by,
    ),
    ...overrides,
  };
}

function audit(caseCode: string, agencyId: string, grades: CaseAudit['grades']): CaseAudit {
  return { id: `${caseCode}-${agencyId}`, pieceId: 'scr-2026-1', caseCode, agencyId, grades, updatedBy: 'x', updatedAt: by.on };
}

/** Hand-checked golden dataset: 2 cases, 2 agencies, 2 domains, one grade missing. */
const GOLDEN: CaseAudit[] = [
  audit('C1', 'police', { VOICE_OF_THE_CHILD: 'GOOD', ASSESSMENT: 'REQUIRES_IMPROVEMENT' }),
  audit('C1', 'health', { VOICE_OF_THE_CHILD: 'OUTSTANDING', ASSESSMENT: 'GOOD' }),
  audit('C2', 'police', { VOICE_OF_THE_CHILD: 'INADEQUATE', ASSESSMENT: 'GOOD' }),
  audit('C2', 'health', { VOICE_OF_THE_CHILD: 'GOOD' }),
];

describe('scrutiny piece lifecycle', () => {
  it('moves forward one stage at a time through all eight stages', () => {
    let current = piece({ findings: [{ number: 1, kind: 'STRENGTH', text: 'x', evidence: [{ tool: 'CASE_FILE_AUDIT', ref: 'C1' }], recordedBy: 'x', recordedAt: by.on }] });
    current = { ...current, recommendations: [{ number: 1, text: 'r', findingNumbers: [1], owners: [], successMeasure: 's', targetDate: '2027-06-30', agreedOn: '2027-03-01', actionIds: [] }] };
    for (const stage of SCRUTINY_STAGES.slice(1)) current = moveStage(current, stage, { openConcerns: 0 }, by);
    expect(current.stage).toBe('CLOSED');
    expect(current.stageHistory.map((change) => change.to)).toEqual(SCRUTINY_STAGES.slice(1));
  });

  it('refuses skipping a stage, going back, and each missing prerequisite', () => {
    expect(() => moveStage(piece(), 'EVIDENCE', { openConcerns: 0 }, by)).toThrow(expect.objectContaining({ code: 'SCRUTINY.INVALID_STAGE' }));
    expect(() => moveStage(piece({ stage: 'EVIDENCE' }), 'AGREED', { openConcerns: 0 }, by)).toThrow(expect.objectContaining({ code: 'SCRUTINY.INVALID_STAGE' }));
    expect(() => moveStage(piece({ stage: 'TRIANGULATION' }), 'REPORT', { openConcerns: 0 }, by)).toThrow(expect.objectContaining({ code: 'SCRUTINY.FINDINGS_REQUIRED' }));
    expect(() => moveStage(piece({ stage: 'REPORT' }), 'ACTION_PLAN', { openConcerns: 0 }, by)).toThrow(expect.objectContaining({ code: 'SCRUTINY.RECOMMENDATIONS_REQUIRED' }));
    const unagreed = piece({ stage: 'ACTION_PLAN', recommendations: [{ number: 1, text: 'r', findingNumbers: [1], owners: [], successMeasure: 's', targetDate: '2027-06-30', actionIds: [] }] });
    expect(() => moveStage(unagreed, 'MONITORING', { openConcerns: 0 }, by)).toThrow(expect.objectContaining({ code: 'SCRUTINY.RECOMMENDATIONS_NOT_AGREED' }));
  });

  it('an open immediate concern blocks closing; once dealt with the piece closes', () => {
    expect(() => moveStage(piece({ stage: 'MONITORING' }), 'CLOSED', { openConcerns: 1 }, by)).toThrow(/1 immediate concern is not yet recorded as dealt with/);
    expect(moveStage(piece({ stage: 'MONITORING' }), 'CLOSED', { openConcerns: 0 }, by).stage).toBe('CLOSED');
  });

  it('checks a new piece: dates in order, tools known, refs numbered per year', () => {
    expect(() => proposePiece({ ...piece(), evidenceDue: '2027-03-01', reportDue: '2027-02-01' }, by)).toThrow(/report is due after the evidence/);
    expect(() => proposePiece({ ...piece(), agencyIds: [], title: ' ' }, by)).toThrow(/a title, at least one taking-part agency/);
    expect(parseScrutinyTools('case_file_audit; Child feedback;CASE FILE AUDIT')).toEqual(['CASE_FILE_AUDIT', 'CHILD_FEEDBACK']);
    expect(() => parseScrutinyTools('CASE_FILE_AUDIT;SURVEY')).toThrow(/Unknown scrutiny tool/);
    expect(nextScrutinyRef(2026, ['SCR-2026-1', 'SCR-2026-3', 'SCR-2025-9'])).toBe('SCR-2026-4');
    expect(nextScrutinyRef(2027, ['SCR-2026-1'])).toBe('SCR-2027-1');
  });
});

describe('case codes', () => {
  it.each(['C1', 'c12', ' C999 '])('accepts %s', (code) => expect(validateCaseCode(code)).toMatch(/^C\d+$/));
  it.each(['JS', 'C0', 'C1000', 'C-1234567', 'Child A', 'AB123456C', 'C1A', 'X99'])('refuses %s without echoing it', (code) => {
    expect(() => validateCaseCode(code)).toThrow(expect.objectContaining({ code: 'SCRUTINY.CASE_CODE' }));
    try {
      validateCaseCode(code);
    } catch (error) {
      expect((error as Error).message).not.toContain(code.trim());
    }
  });
  it('reads a list and refuses duplicates', () => {
    expect(parseCaseCodes('C1; c2, C3')).toEqual(['C1', 'C2', 'C3']);
    expect(() => parseCaseCodes('C1;C1')).toThrow(/twice/);
  });
});

describe('grade figures on the golden dataset', () => {
  it('counts each grade by domain with the % good or better', () => {
    const [voice, assessment] = gradesByDomain(GOLDEN, DOMAINS);
    expect(voice).toEqual({ key: 'VOICE_OF_THE_CHILD', counts: { OUTSTANDING: 1, GOOD: 2, REQUIRES_IMPROVEMENT: 0, INADEQUATE: 1 }, total: 4, goodOrBetterPct: 75 });
    expect(assessment).toEqual({ key: 'ASSESSMENT', counts: { OUTSTANDING: 0, GOOD: 2, REQUIRES_IMPROVEMENT: 1, INADEQUATE: 0 }, total: 3, goodOrBetterPct: 67 });
  });

  it('counts by agency over every domain', () => {
    const [police, health, none] = gradesByAgency(GOLDEN, ['police', 'health', 'fire'], DOMAINS);
    expect(police).toMatchObject({ counts: { OUTSTANDING: 0, GOOD: 2, REQUIRES_IMPROVEMENT: 1, INADEQUATE: 1 }, total: 4, goodOrBetterPct: 50 });
    expect(health).toMatchObject({ counts: { OUTSTANDING: 1, GOOD: 2, REQUIRES_IMPROVEMENT: 0, INADEQUATE: 0 }, total: 3, goodOrBetterPct: 100 });
    expect(none).toMatchObject({ total: 0, goodOrBetterPct: undefined });
  });

  it('prints the CSV table with the issue columns', () => {
    const report = scrutinyReport({ period: '2026/27', generatedAt: by.on, target: 3, pieces: [piece()], audits: GOLDEN, concerns: [], actions: [], domains: DOMAINS, names: { agency: (id) => id, member: (id) => id, theme: (id) => id } });
    const table = scrutinyDocument(report, { agency: (id) => id, member: (id) => id, theme: (id) => id }).tables.find((item) => item.name === 'Grades by domain');
    expect(table?.columns).toEqual(['Domain', 'Outstanding', 'Good', 'Requires improvement', 'Inadequate', 'Good or better %']);
    expect(table?.rows).toEqual([['Voice of the child', 1, 2, 0, 1, '75%'], ['Assessment', 0, 2, 1, 0, '67%']]);
    expect(report.summary).toMatchObject({ pieces: 1, target: 3, shortBy: 2 });
  });
});

describe('triangulation', () => {
  it('two or more kinds of tool triangulate; several items of one kind stay an observation', () => {
    expect(isTriangulated({ evidence: [{ tool: 'CASE_FILE_AUDIT', ref: 'C1' }, { tool: 'PRACTITIONER_FEEDBACK', ref: 'F1' }] })).toBe(true);
    expect(isTriangulated({ evidence: [{ tool: 'CASE_FILE_AUDIT', ref: 'C1' }, { tool: 'CASE_FILE_AUDIT', ref: 'C2' }] })).toBe(false);
    expect(triangulationLabel({ evidence: [{ tool: 'CASE_FILE_AUDIT', ref: 'C1' }, { tool: 'CASE_FILE_AUDIT', ref: 'C2' }] })).toBe('Observation (one kind of evidence)');
    expect(triangulationLabel({ evidence: [{ tool: 'SELF_EVALUATION', ref: 'police' }, { tool: 'CHILD_FEEDBACK', ref: 'F2' }, { tool: 'PARENT_CARER_FEEDBACK', ref: 'F3' }] })).toBe('Triangulated (3 kinds of evidence)');
  });

  it('a finding cites only evidence recorded for the piece', () => {
    const current = piece({ caseCodes: ['C1', 'C2'], feedback: [{ id: 'F1', source: 'PRACTITIONER_FEEDBACK', respondents: 12, summary: 's', recordedBy: 'x', recordedAt: by.on }] });
    const options = evidenceOptions(current, [{ agencyId: 'police', agencyName: 'Police' }], ['C1']);
    expect(options.map((option) => option.key)).toEqual(['SELF_EVALUATION:police', 'CASE_FILE_AUDIT:C1', 'PRACTITIONER_FEEDBACK:F1']);
    expect(() => readEvidenceKeys(['CASE_FILE_AUDIT:C2'], options)).toThrow(/only cite evidence recorded/);
    const evidence = readEvidenceKeys(['CASE_FILE_AUDIT:C1', 'PRACTITIONER_FEEDBACK:F1'], options);
    const withFinding = addFinding({ ...current, stage: 'TRIANGULATION' }, { kind: 'AREA_FOR_DEVELOPMENT', text: 'Voice of the child not recorded', evidence }, by);
    expect(withFinding.findings[0]).toMatchObject({ number: 1, evidence });
    expect(() => addFinding(current, { kind: 'RISK', text: 'x', evidence }, by)).toThrow(/evidence and triangulation stages/);
  });
});

describe('recommendations become scrutiny actions', () => {
  it('agreeing creates one agreed SCRUTINY action per owner, once', () => {
    let current = piece({ stage: 'TRIANGULATION', findings: [{ number: 1, kind: 'RISK', text: 'x', evidence: [{ tool: 'CASE_FILE_AUDIT', ref: 'C1' }], recordedBy: 'x', recordedAt: by.on }] });
    expect(() => addRecommendation(current, { text: 'r', findingNumbers: [2], owners: [{ agencyId: 'police', officerId: 'p1' }], successMeasure: 's', targetDate: '2027-06-30' }, by)).toThrow(/only link to findings/);
    current = addRecommendation(current, { text: 'Record the child\'s views', findingNumbers: [1], owners: [{ agencyId: 'police', officerId: 'p1' }, { agencyId: 'health', officerId: 'h1' }], successMeasure: 'Audit shows views', targetDate: '2027-06-30' }, by);
    current = { ...current, stage: 'REPORT' };
    const { piece: agreed, actions } = agreeRecommendation(current, 1, (ref) => ref.toLowerCase().replace(/[^a-z0-9-]+/g, '-'), { ...by, today: '2026-11-30' });
    expect(actions.map((action) => [action.ref, action.status, action.sourceType, action.agencyId, action.reviewId])).toEqual([
      ['SCR-2026-1/R1-1', 'AGREED', 'SCRUTINY', 'police', undefined],
      ['SCR-2026-1/R1-2', 'AGREED', 'SCRUTINY', 'health', undefined],
    ]);
    expect(actions[0].origin).toEqual({ pieceRef: 'SCR-2026-1', recommendationRef: 'R1' });
    expect(actionSourceText(actions[0])).toBe('Scrutiny SCR-2026-1, recommendation 1');
    expect(agreed.recommendations[0].actionIds).toEqual(['scr-2026-1-r1-1', 'scr-2026-1-r1-2']);
    expect(() => agreeRecommendation(agreed, 1, (ref) => ref, { ...by, today: '2026-11-30' })).toThrow(/was agreed on 2026-11-30/);
  });
});
