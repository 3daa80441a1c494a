import { ValidationError } from './errors';
import { normaliseEnumText } from './enum-text';

/** Roles a member may hold (docs/design/domain.md section 3). LSBU_OFFICER is the business unit. */
export const ROLES = ['ADMIN', 'PAI_CHAIR', 'LSBU_OFFICER', 'AGENCY_REP', 'RESPONSIBLE_OFFICER', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

/** Friendly names for cards and messages. */
export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: 'Administrator',
  PAI_CHAIR: 'PAI chair',
  LSBU_OFFICER: 'Business unit (LSBU)',
  AGENCY_REP: 'Agency representative',
  RESPONSIBLE_OFFICER: 'Responsible officer',
  VIEWER: 'Viewer',
};

/** Accepts any case and spaces or hyphens for underscores ("pai chair", "Agency-Rep"). */
export function parseRole(text: string): Role | undefined {
  const normalised = normaliseEnumText(text);
  return (ROLES as readonly string[]).includes(normalised) ? (normalised as Role) : undefined;
}

/** Parses a semicolon-separated role list; an unknown role is an error naming the allowed ones. */
export function parseRoles(text: string): Role[] {
  const parts = text.split(/[;,]/).map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) throw new ValidationError('At least one role is needed.', { allowed: ROLES });
  const roles: Role[] = [];
  for (const part of parts) {
    const role = parseRole(part);
    if (!role) throw new ValidationError(`"${part}" is not a role. Use one of: ${ROLES.join(', ')}.`, { allowed: ROLES });
    if (!roles.includes(role)) roles.push(role);
  }
  return roles;
}

/**
 * The one role table (README "Chat commands"): who may do what. The help card (commands.ts), the permission checks
 * (app/permissions.ts, app/report-permissions.ts, link-agency, pai-channel) and the role matrix test all read it.
 * Acting on one action is narrower than a role: see `ACTION_EDITOR_RULE` in app/permissions.ts.
 */
export const ROLE_TABLE = {
  /** Set reviews and action plans up, post cards, link agency channels, record meetings, read delivery. */
  manageProgramme: ['ADMIN', 'LSBU_OFFICER'],
  /** PAI decisions on actions (agree, assure, challenge, sign off and close, withdraw), dip samples, 12-month evaluations. */
  assure: ['PAI_CHAIR', 'LSBU_OFFICER'],
  /** Reports, and choosing the PAI channel they are shared to. */
  runReports: ['PAI_CHAIR', 'LSBU_OFFICER', 'ADMIN'],
  /** Update any action of their own agency (the responsible officer updates only their own actions). */
  editAgencyActions: ['AGENCY_REP'],
  /** May be named responsible officer of, or be handed, an action of their agency. */
  holdActions: ['AGENCY_REP', 'RESPONSIBLE_OFFICER'],
  /** See their own agency's overdue actions. */
  ownAgencyOverdue: ['AGENCY_REP'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof ROLE_TABLE;

/** Whether any of these roles has the permission in the role table. */
export function allows(roles: readonly Role[], permission: Permission): boolean {
  return hasAnyRole(roles, ROLE_TABLE[permission]);
}

/** Roles that run the programme: may configure, link channels, import and sign off. */
export const PROGRAMME_ROLES: readonly Role[] = ROLE_TABLE.manageProgramme;

export function hasAnyRole(roles: readonly Role[], allowed: readonly Role[]): boolean {
  return roles.some((role) => allowed.includes(role));
}
