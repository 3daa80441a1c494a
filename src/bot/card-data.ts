import { z } from 'zod';
import { ValidationError } from '../domain/errors';

/**
 * Card submissions are forms the user controls: every payload is parsed here before a use case runs
 * (Teams AI's actionSubmit<T> is only a cast). Unknown fields are dropped.
 */
const text = z.string().max(2000).optional();
const id = z.string().min(1).max(200).regex(/^[^/\\?#\s]+$/);

export const submissionKeySchema = z.object({
  actionId: id,
  etag: z.string().min(1).max(200),
  submissionId: z.string().uuid(),
});

export const actionUpdateSchema = submissionKeySchema.extend({
  status: text,
  note: text,
  evidenceUrl: text,
  evidenceDescription: text,
  completionEvidence: text,
  impactStatement: text,
  newTargetDate: text,
  extensionReason: text,
});

export const actionAssureSchema = submissionKeySchema.extend({
  rationale: text,
  meetingDate: text,
  closeWithoutImpact: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
});

export const actionRefSchema = z.object({ actionId: id });

/** Snooze on a reminder card: the reminder (policy and subject) from the button, the date from the input. */
export const reminderSnoozeSchema = z.preprocess(
  // The digest card's form names the reminder in one choice, `POLICY|subjectId`; older cards send the two fields.
  (data) => {
    const fields = (data ?? {}) as Record<string, unknown>;
    if (typeof fields.reminder !== 'string') return data;
    const [policy, subjectId] = fields.reminder.split('|');
    return { ...fields, policy, subjectId };
  },
  z.object({ policy: z.string().min(1).max(40), subjectId: id, until: z.string().min(1).max(20) }),
);

/** Hand over on a reminder card: the action from the button, the deputy from the choice set. */
export const reminderHandoverSchema = z.object({ actionId: id, deputyId: id });

/** Give assurance on a 12-month card: the request from the button, per action `completion_<id>`, `impact_<id>`, `evidenceUrl_<id>`. */
/** Evaluate on the PAI's tracker: the request from the button, the evaluation and follow-up from the inputs. */
export const assuranceEvaluateSchema = z.object({ requestId: id, evaluation: z.string().min(1).max(20), followUpRoute: text });

export const assuranceRespondSchema = z.object({ requestId: id }).catchall(z.unknown());

/** Form cards: every input as text (Teams sends strings; toggles may arrive as booleans). */
export const formSchema = z
  .record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean()]))
  .transform((values) => Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)])) as Record<string, string>);

/** Parses card data or throws a ValidationError a card can show (naming fields, never echoing values). */
export function parseCardData<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, data: unknown): T {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || 'data'))];
  throw new ValidationError(`This card's data is not valid (${fields.join(', ')}). Open the item again and retry.`, { fields }, 'CARD.INVALID_DATA');
}
