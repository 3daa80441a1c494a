import { addDays, reportingYearOf, type IsoDate } from '../../domain/calendar';
import type { Agency } from '../../domain/directory/agency';
import type { Member } from '../../domain/directory/member';
import { cycleIdOf, openCycle, type S11Cycle } from '../../domain/section11/cycle';
import { statutoryFramework, type S11Framework, type S11Rating } from '../../domain/section11/framework';
import {
  moderateStandard, newReturn, queryStandard, recordFeedback, saveAnswer, submitReturn, type S11Return,
} from '../../domain/section11/return';
import type { WriteOperation } from '../../ports/document-store';
import type { Stores } from '../kernel/records';
import { improvementActions } from './send-feedback';

const RATINGS: S11Rating[] = ['FULLY_MET', 'FULLY_MET', 'MOSTLY_MET', 'NOT_APPLICABLE', 'PARTIALLY_MET', 'FULLY_MET', 'MOSTLY_MET', 'FULLY_MET'];
const EVIDENCE = 'Board minutes, the safeguarding policy and the training dashboard';
const LINK = 'https://example.sharepoint.com/sites/lscp/s11/evidence.docx';

/**
 * The demo partnership's Section 11 work: last year's closed cycle, and this year's open cycle with a return in every
 * stage (not started, draft, submitted, queried, moderated, feedback sent with an improvement action).
 */
export function section11DemoOperations(stores: Stores, input: { today: IsoDate; now: string; agencies: readonly Agency[]; members: readonly Member[] }): WriteOperation[] {
  const { today, now } = input;
  const stamp = { by: 'demo', on: now };
  const framework: S11Framework = statutoryFramework(now, 'demo');
  const thisYear = reportingYearOf(today).label;
  const lastYear = reportingYearOf(addDays(reportingYearOf(today).start, -1)).label;
  const agency = (id: string) => input.agencies.find((entry) => entry.id === id) as Agency;
  const rate = (ret: S11Return, count = 8, shift = 0) => {
    let next = ret;
    framework.standards.slice(0, count).forEach((standard, index) => {
      const rating = RATINGS[(index + shift) % RATINGS.length];
      next = saveAnswer(next, framework, 'OPEN', standard.number, { selfRating: rating, evidence: rating === 'NOT_APPLICABLE' ? '' : EVIDENCE, evidenceLinks: index === 0 ? [LINK] : [] }, stamp);
    });
    return next;
  };
  const signOff = { name: 'Director of Safeguarding', role: 'Executive lead for safeguarding' };
  const moderateAll = (ret: S11Return, downgrade: string) => framework.standards.reduce((next, standard) => {
    const self = next.answers[standard.number]?.selfRating ?? 'FULLY_MET';
    return moderateStandard(next, framework, 'MODERATION', standard.number, standard.number === downgrade && self === 'FULLY_MET' ? 'MOSTLY_MET' : self, undefined, stamp);
  }, ret);

  // Last year: closed, every return moderated.
  const previous: S11Cycle = { ...openCycle({ label: lastYear, frameworkId: framework.id, openedOn: addDays(today, -385), dueDate: addDays(today, -330), agencyIds: ['lancashire-constabulary', 'lthtr', 'lsc-icb', 'nwas', 'elht', 'probation-nw'] }, stamp), stage: 'CLOSED' };
  const previousReturns = previous.agencyIds.map((id, index) => {
    const submitted = submitReturn(rate(newReturn(previous, id, stamp), 8, index + 2), framework, 'OPEN', signOff, stamp);
    return moderateAll(submitted, '5');
  });

  // This year: open, due in five weeks.
  const cycle = openCycle({ label: thisYear, frameworkId: framework.id, openedOn: addDays(today, -20), dueDate: addDays(today, 25), agencyIds: input.agencies.filter((entry) => entry.active && entry.s11Duty).map((entry) => entry.id) }, stamp);
  const draft = (id: string, count: number) => rate(newReturn(cycle, id, stamp), count);
  const submitted = (id: string, shift = 0) => submitReturn(rate(newReturn(cycle, id, stamp), 8, shift), framework, 'OPEN', signOff, stamp);
  const police = draft('lancashire-constabulary', 0);
  const health = draft('lthtr', 3);
  const icb = submitted('lsc-icb');
  const elht = queryStandard(submitted('elht', 1), framework, 'OPEN', '5', 'What share of ward staff completed level 3 training this year?', { by: 'demo', on: now });
  const nwas = moderateAll(submitted('nwas', 2), '7');
  const withAction = saveAnswer(rate(newReturn(cycle, 'probation-nw', stamp), 8, 3), framework, 'OPEN', '7', {
    improvementActions: [{ description: 'Attend every multi-agency strategy discussion the service is invited to, and audit attendance quarterly', targetDate: addDays(today, 120), officerEmail: 'demo.probation@justice.gov.uk' }],
  }, stamp);
  const moderated = moderateAll(submitReturn(withAction, framework, 'OPEN', signOff, stamp), '7');
  const actions = improvementActions(moderated, framework, agency('probation-nw'), input.members, stamp);
  const probation = recordFeedback(moderated, 'OPEN', { strengths: 'Clear leadership and a current safeguarding policy', areasForDevelopment: 'Inter-agency working: attendance at strategy discussions', actionRefs: actions.map((action) => action.ref) }, stamp);

  return [
    stores.s11Frameworks.op.upsert(framework),
    stores.s11Cycles.op.upsert(previous),
    stores.s11Cycles.op.upsert({ ...cycle, id: cycleIdOf(thisYear) }),
    ...[...previousReturns, police, health, icb, elht, nwas, probation].map((ret) => stores.s11Returns.op.upsert(ret)),
    ...actions.map((action) => stores.actions.op.upsert(action)),
  ];
}
