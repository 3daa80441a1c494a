import { randomUUID } from 'node:crypto';
import type { Agency } from '../domain/directory/agency';
import { ACTION_STATUS_LABELS } from '../domain/actions/action';
import { formatDay } from '../domain/section11/day-text';
import { S11_STAGE_LABELS, type S11Cycle } from '../domain/section11/cycle';
import { S11_RATING_COLOURS, S11_RATING_LABELS, standardOf, type S11Framework, type S11Rating } from '../domain/section11/framework';
import { emptyAnswer, missingForSubmit, S11_RETURN_STATUS_LABELS, type S11Return } from '../domain/section11/return';
import type { S11Summary } from '../domain/section11/summary';
import type { AdaptiveCard, CardRenderer } from './render';

export interface Banner {
  style: 'good' | 'attention' | 'warning' | 'emphasis' | 'default';
  text: string;
}

/** What a return card needs: the return, its cycle and framework, and what this user may do (from the use case). */
export interface S11ReturnCardView {
  cycle: S11Cycle;
  framework: S11Framework;
  agency: Pick<Agency, 'id' | 'name'>;
  ret: S11Return;
  etag: string;
  previous?: S11Return;
  canEdit: boolean;
  canModerate: boolean;
}

const NO_BANNER: Banner = { style: 'default', text: '' };

const ratingWord = (rating: S11Rating | undefined) => (rating ? S11_RATING_LABELS[rating] : 'Not rated');

function cardKey(view: S11ReturnCardView) {
  return { returnId: view.ret.id, etag: view.etag, submissionId: randomUUID() };
}

/** The return at a glance: one title line and one detail line per standard (chat width), submit and feedback forms. */
export function s11ReturnCard(renderer: CardRenderer, view: S11ReturnCardView, options: { asAt: string; banner?: Banner }): AdaptiveCard {
  const { ret, framework, cycle } = view;
  const missing = missingForSubmit(ret, framework);
  const canSubmit = view.canEdit && (ret.status === 'NOT_STARTED' || ret.status === 'DRAFT') && cycle.stage === 'OPEN';
  const refs = ret.feedback?.actionRefs ?? [];
  return renderer.render('s11-return', {
    banner: options.banner ?? NO_BANNER,
    title: `Section 11 return: ${view.agency.name}`,
    subtitle: `Cycle ${cycle.label} · ${S11_STAGE_LABELS[cycle.stage]} · due ${formatDay(cycle.dueDate)}`,
    facts: [
      { title: 'Status', value: S11_RETURN_STATUS_LABELS[ret.status] },
      ...(ret.signedOffBy ? [{ title: 'Signed off by', value: `${ret.signedOffBy.name}, ${ret.signedOffBy.role}` }] : []),
      ...(ret.submittedOn ? [{ title: 'Submitted', value: formatDay(ret.submittedOn) }] : []),
    ],
    standards: framework.standards.map((standard) => {
      const answer = ret.answers[standard.number] ?? emptyAnswer();
      const shown = answer.moderatedRating ?? answer.selfRating;
      const parts = [`Self: ${ratingWord(answer.selfRating)}`];
      if (answer.moderatedRating) parts.push(`Moderated: ${ratingWord(answer.moderatedRating)}`);
      if (answer.query && answer.query.reply === undefined) parts.push('Query open');
      if (answer.copiedFromPrevious) parts.push('copied from last cycle, please review');
      return {
        title: `Standard ${standard.number}: ${standard.title}`,
        detail: parts.join(' · '),
        color: shown ? S11_RATING_COLOURS[shown] : 'Default',
        open: { returnId: ret.id, standard: standard.number },
      };
    }),
    submit: {
      show: canSubmit && missing.length === 0,
      missing: canSubmit && missing.length > 0 ? `Before you can submit: ${missing.map((m) => `standard ${m.standard} ${m.reason}`).join('; ')}.` : '',
      data: cardKey(view),
    },
    feedback: {
      show: view.canModerate && ret.status === 'MODERATED' && cycle.stage !== 'CLOSED',
      data: cardKey(view),
      sent: ret.feedback !== undefined,
      strengths: ret.feedback?.strengths ?? '',
      areas: ret.feedback?.areasForDevelopment ?? '',
      actions: refs.length ? `Improvement actions: ${refs.join(', ')}` : 'No improvement actions.',
    },
    asAt: options.asAt,
  });
}

/** One standard: guidance, the answer so far, and the forms this user may use (draft, query answer, moderation). */
export function s11StandardCard(renderer: CardRenderer, view: S11ReturnCardView, number: string, options: { asAt: string; banner?: Banner }): AdaptiveCard {
  const { ret, framework, cycle } = view;
  const standard = standardOf(framework, number);
  if (!standard) throw new Error('unknown standard');
  const position = framework.standards.indexOf(standard);
  const answer = ret.answers[standard.number] ?? emptyAnswer();
  const drafting = view.canEdit && (ret.status === 'NOT_STARTED' || ret.status === 'DRAFT') && cycle.stage === 'OPEN';
  const openQuery = answer.query !== undefined && answer.query.reply === undefined && ret.status === 'QUERIED';
  const moderatable = view.canModerate && (ret.status === 'SUBMITTED' || ret.status === 'QUERIED' || ret.status === 'MODERATED') && cycle.stage !== 'CLOSED';
  const key = cardKey(view);
  const data = { ...key, standard: standard.number };
  return renderer.render('s11-standard', {
    banner: options.banner ?? NO_BANNER,
    title: `Standard ${standard.number} of ${framework.standards.length}: ${standard.title}`,
    subtitle: `${view.agency.name} · cycle ${cycle.label} · ${S11_RETURN_STATUS_LABELS[ret.status]}`,
    guidance: standard.guidance,
    questions: standard.questions.map((text) => ({ text })),
    facts: [
      { title: 'Self rating', value: ratingWord(answer.selfRating) },
      { title: 'Evidence', value: answer.evidence ?? 'None yet' },
      { title: 'Areas for improvement', value: answer.areasForImprovement ?? 'None' },
      ...(answer.moderatedRating ? [{ title: 'Moderated rating', value: ratingWord(answer.moderatedRating) }] : []),
      ...(answer.moderationNote ? [{ title: 'Moderation note', value: answer.moderationNote }] : []),
    ],
    links: answer.evidenceLinks.map((url, index) => ({ title: `Evidence link ${index + 1}`, url })),
    improvements: answer.improvementActions.map((action) => ({ text: `${action.description} (by ${formatDay(action.targetDate)}, ${action.officerEmail})` })),
    query: { show: answer.query !== undefined, text: answer.query?.text ?? '', reply: answer.query?.reply ?? '' },
    ratings: framework.scale.map((value) => ({ title: S11_RATING_LABELS[value], value })),
    edit: {
      show: drafting,
      rating: answer.selfRating ?? '',
      evidence: answer.evidence ?? '',
      links: answer.evidenceLinks.join('\n'),
      areas: answer.areasForImprovement ?? '',
      data,
      canCopy: drafting && view.previous?.answers[standard.number]?.selfRating !== undefined,
    },
    answer: { show: view.canEdit && openQuery, data },
    moderate: {
      show: moderatable,
      rating: answer.moderatedRating ?? '',
      note: answer.moderationNote ?? '',
      rateData: { ...data, mode: 'rate' },
      queryData: { ...data, mode: 'query' },
    },
    back: { returnId: ret.id },
    next: { show: position + 1 < framework.standards.length, data: { returnId: ret.id, standard: framework.standards[position + 1]?.number ?? '' } },
    asAt: options.asAt,
  });
}

/** Which part of the summary a card shows: the overview, one agency, or one standard (each with Back). */
export type S11SummaryView = { view: 'overview' } | { view: 'agency'; id: string } | { view: 'standard'; id: string };

const pctText = (value: number | undefined) => (value === undefined ? '–' : `${value}%`);
const MAX_LINES = 40;

/** The summary at chat width: per standard % fully met (self and moderated), per agency its state in brief; drill in and back. */
export function s11SummaryCard(renderer: CardRenderer, summary: S11Summary, show: S11SummaryView, asAt: string): AdaptiveCard {
  const cycle = summary.cycleLabel;
  const drill = (view: 'agency' | 'standard', id: string) => ({ cycle, view, id });
  const base = {
    title: `Section 11 summary, ${cycle}`,
    cycle,
    asAt,
    back: { show: show.view !== 'overview', data: { cycle, view: 'overview', id: '' } },
  };
  const changeText = (change: string | undefined) => (change ? ` (${change} than last cycle)`.replace('same than', 'same as') : '');
  if (show.view === 'agency') {
    const agency = summary.agencies.find((row) => row.agencyId === show.id);
    if (!agency) throw new Error('unknown agency');
    return renderer.render('s11-summary', {
      ...base,
      subtitle: `${agency.agency}: ${S11_RETURN_STATUS_LABELS[agency.status]}`,
      facts: [
        { title: 'Fully met (self)', value: pctText(agency.selfFullyMetPct) },
        { title: 'Fully met (moderated)', value: pctText(agency.moderatedFullyMetPct) },
      ],
      sections: [{
        title: 'Ratings by standard',
        note: '',
        items: agency.cells.map((cell) => {
          const standard = summary.standards.find((row) => row.number === cell.standard);
          return {
            title: `Standard ${cell.standard}: ${standard?.title ?? ''}`,
            detail: `Self: ${ratingWord(cell.self)} · Moderated: ${cell.moderated ? S11_RATING_LABELS[cell.moderated] : 'not yet'}${changeText(cell.change)}`,
            color: cell.moderated ? S11_RATING_COLOURS[cell.moderated] : 'Default',
            drill: drill('standard', cell.standard),
          };
        }),
      }],
    });
  }
  if (show.view === 'standard') {
    const standard = summary.standards.find((row) => row.number === show.id);
    if (!standard) throw new Error('unknown standard');
    const rows = summary.agencies.filter((agency) => agency.returned);
    return renderer.render('s11-summary', {
      ...base,
      subtitle: `Standard ${standard.number}: ${standard.title}`,
      facts: [
        { title: 'Fully met (self)', value: `${pctText(standard.selfFullyMetPct)} of ${standard.selfBase}` },
        { title: 'Fully met (moderated)', value: `${pctText(standard.moderatedFullyMetPct)} of ${standard.moderatedBase}` },
        { title: 'Since last cycle', value: `${standard.better} better, ${standard.same} same, ${standard.worse} worse` },
      ],
      sections: [{
        title: 'Returned agencies',
        note: rows.length > MAX_LINES ? `…and ${rows.length - MAX_LINES} more in the file.` : rows.length === 0 ? 'No returns yet.' : '',
        items: rows.slice(0, MAX_LINES).map((agency) => {
          const cell = agency.cells.find((entry) => entry.standard === standard.number);
          return {
            title: agency.agency,
            detail: `Self: ${ratingWord(cell?.self)} · Moderated: ${cell?.moderated ? S11_RATING_LABELS[cell.moderated] : 'not yet'}${changeText(cell?.change)}`,
            color: cell?.moderated ? S11_RATING_COLOURS[cell.moderated] : 'Default',
            drill: drill('agency', agency.agencyId),
          };
        }),
      }],
    });
  }
  return renderer.render('s11-summary', {
    ...base,
    subtitle: `${summary.returned} of ${summary.asked} agencies returned. % fully met counts returned agencies the standard applies to.`,
    facts: [
      { title: 'Fully met (self)', value: pctText(summary.selfFullyMetPct) },
      { title: 'Fully met (moderated)', value: pctText(summary.moderatedFullyMetPct) },
      { title: 'Not returned', value: summary.notReturned.length ? String(summary.notReturned.length) : 'None' },
      { title: 'Improvement actions', value: summary.actionsByStatus.length ? summary.actionsByStatus.map((row) => `${ACTION_STATUS_LABELS[row.status]} ${row.count}`).join(', ') : 'None yet' },
    ],
    sections: [
      {
        title: 'By standard: % fully met',
        note: '',
        items: summary.standards.map((row) => ({
          title: `Standard ${row.number}: ${row.title}`,
          detail: `Self ${pctText(row.selfFullyMetPct)} · Moderated ${pctText(row.moderatedFullyMetPct)}`,
          color: 'Default',
          drill: drill('standard', row.number),
        })),
      },
      {
        title: 'By agency',
        note: summary.agencies.length > MAX_LINES ? `…and ${summary.agencies.length - MAX_LINES} more in the file.` : '',
        items: summary.agencies.slice(0, MAX_LINES).map((row) => ({
          title: row.agency,
          detail: row.returned ? `${S11_RETURN_STATUS_LABELS[row.status]} · fully met: self ${pctText(row.selfFullyMetPct)}, moderated ${pctText(row.moderatedFullyMetPct)}` : `${S11_RETURN_STATUS_LABELS[row.status]} · not returned`,
          color: row.returned ? 'Default' : 'Attention',
          drill: drill('agency', row.agencyId),
        })),
      },
    ],
  });
}

/** The cycle-open invitation to an agency's channel, as an outbox payload. */
export function s11InvitationPayload(renderer: CardRenderer, input: { cycle: S11Cycle; agency: Agency; framework: S11Framework }): Record<string, unknown> {
  const card = renderer.render('s11-message', {
    title: `Section 11 audit ${input.cycle.label}: your return is open`,
    message: `${input.agency.name} is asked to complete its Section 11 self-assessment of ${input.framework.standards.length} standards by ${formatDay(input.cycle.dueDate)}. An agency representative can open it here or type "s11 return".`,
    lines: [],
    button: { show: true, title: 'Open the return', data: { returnId: `${input.cycle.id}--${input.agency.id}` } },
  });
  return { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
}

/** The PAI's feedback to an agency, as an outbox payload. */
export function s11FeedbackPayload(renderer: CardRenderer, input: { cycle: S11Cycle; agency: Agency; framework: S11Framework; ret: S11Return }): Record<string, unknown> {
  const { ret, framework } = input;
  const card = renderer.render('s11-message', {
    title: `Section 11 ${input.cycle.label}: feedback for ${input.agency.name}`,
    message: `Strengths: ${ret.feedback?.strengths ?? ''}\n\nAreas for development: ${ret.feedback?.areasForDevelopment ?? ''}\n\nImprovement actions: ${ret.feedback?.actionRefs.length ? ret.feedback.actionRefs.join(', ') : 'none'}.`,
    lines: framework.standards.map((standard) => {
      const rating = ret.answers[standard.number]?.moderatedRating;
      return { title: `Standard ${standard.number}: ${standard.title}`, detail: `Moderated: ${ratingWord(rating)}`, color: rating ? S11_RATING_COLOURS[rating] : 'Default' };
    }),
    button: { show: true, title: 'Open the return', data: { returnId: ret.id } },
  });
  return { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
}
