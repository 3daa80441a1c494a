import type { Role } from '../roles';

/**
 * A professional who uses the bot. Holds only what is needed for work contact (docs/design/domain.md section 7):
 * no personal data beyond name, work email, agency and roles.
 */
export interface Member {
  /** The Teams (Entra ID) AAD object id, lower-case: also the record id. */
  id: string;
  name: string;
  email: string;
  agencyId?: string;
  roles: Role[];
  active: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** The user behind a turn, resolved from the activity (never from card data). */
export interface Actor {
  aadObjectId: string;
  name: string;
  roles: Role[];
  agencyId?: string;
  /** Undefined when the user is not registered (a bootstrap admin may still have roles). */
  member?: Member;
}

export const AAD_OBJECT_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
