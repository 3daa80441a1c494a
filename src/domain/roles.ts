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

/** Roles that run the programme: may configure, link channels, import and sign off. */
export const PROGRAMME_ROLES: readonly Role[] = ['ADMIN', 'LSBU_OFFICER'];

export function hasAnyRole(roles: readonly Role[], allowed: readonly Role[]): boolean {
  return roles.some((role) => allowed.includes(role));
}
