import { z } from 'zod';

/** Log levels pino understands. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const list = z
  .string()
  .transform((value) => value.split(/[,;\s]+/).map((item) => item.trim()).filter(Boolean));

const flag = z
  .string()
  .transform((value) => value.trim().toLowerCase())
  .refine((value) => ['true', 'false', '1', '0', 'yes', 'no'].includes(value), 'use true or false')
  .transform((value) => ['true', '1', 'yes'].includes(value));

const schema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().optional(),
    STORE: z.enum(['sqlite', 'cosmos']).default('sqlite'),
    SQLITE_PATH: z.string().default('data/assurance.db'),
    COSMOS_ENDPOINT: z.string().url().optional(),
    COSMOS_KEY: z.string().optional(),
    COSMOS_DATABASE: z.string().default('assurance-bot'),
    BOT_ID: z.string().optional(),
    BOT_PASSWORD: z.string().optional(),
    BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    BOT_TENANT_ID: z.string().optional(),
    ALLOWED_TENANT_IDS: list.default(''),
    ADMIN_AAD_OBJECT_IDS: list.default(''),
    DEMO_DATA: flag.default('false'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    PARTNERSHIP_ID: z.string().regex(/^[a-z0-9-]{2,40}$/, 'lower-case letters, digits and hyphens').default('lancashire'),
    PARTNERSHIP_NAME: z.string().default('Lancashire Safeguarding Children Partnership'),
    WORK_EMAIL_DOMAINS: list.default('lancashire.gov.uk,nhs.net,lancashire.police.uk,gov.uk'),
    RAG_AMBER_WITHIN_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    RAG_STALE_AFTER_DAYS: z.coerce.number().int().min(1).max(730).default(90),
    RAG_NOT_STARTED_AFTER_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    ASSURANCE_CLOCK_START: z.enum(['MANUAL', 'RR_SUBMITTED', 'PUBLISHED', 'ACTION_PLANNING_MEETING']).default('MANUAL'),
  });

/**
 * Rules that join variables. They read the raw values so they are reported even when another variable is
 * malformed (zod skips refinements once a field fails).
 */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env.STORE === 'cosmos') {
    if (!env.COSMOS_ENDPOINT) problems.push('COSMOS_ENDPOINT: required when STORE=cosmos');
    if (!env.COSMOS_KEY) problems.push('COSMOS_KEY: required when STORE=cosmos');
  }
  if (env.BOT_ID && !env.BOT_PASSWORD && env.BOT_TYPE !== 'UserAssignedMSI') problems.push('BOT_PASSWORD: required when BOT_ID is set');
  if (env.BOT_TYPE === 'SingleTenant' && env.BOT_ID && !env.BOT_TENANT_ID) problems.push('BOT_TENANT_ID: required when BOT_TYPE=SingleTenant');
  return problems;
}

export type StoreConfig =
  | { kind: 'sqlite'; path: string }
  | { kind: 'cosmos'; endpoint: string; key: string; databaseId: string };

export interface AppConfig {
  port: number;
  /** Loopback only while authentication is off (local mode). */
  host: string;
  store: StoreConfig;
  bot: { appId: string; appPassword: string; appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI'; tenantId: string };
  /** False in local mode (no BOT_ID): inbound requests are not authenticated. */
  authEnabled: boolean;
  allowedTenantIds: readonly string[];
  adminAadObjectIds: readonly string[];
  demoData: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  partnershipId: string;
  partnershipName: string;
  workEmailDomains: readonly string[];
  /** RAG thresholds in days (domain.md section 2, defaults 30/90/30). */
  rag: { amberWithinDays: number; staleAfterDays: number; notStartedAfterDays: number };
  /** Which recorded date starts the 12-month assurance clock when completed_on is not given (domain.md section 8). */
  assuranceClockStart: 'MANUAL' | 'RR_SUBMITTED' | 'PUBLISHED' | 'ACTION_PLANNING_MEETING';
}

/** Start-up stops with this: one message naming every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration problems:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The only reader of the environment. Empty values count as unset (Teams Toolkit writes `BOT_ID=`),
 * every problem is reported at once, and the result is frozen.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = schema.safeParse(present);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`)),
    ...crossFieldProblems(present),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const authEnabled = Boolean(e.BOT_ID);
  if (!authEnabled && e.HOST && !isLoopback(e.HOST)) {
    throw new ConfigError([`HOST: must be a loopback address while BOT_ID is empty (authentication is off), not ${e.HOST}`]);
  }
  const store: StoreConfig =
    e.STORE === 'cosmos'
      ? { kind: 'cosmos', endpoint: e.COSMOS_ENDPOINT as string, key: e.COSMOS_KEY as string, databaseId: e.COSMOS_DATABASE }
      : { kind: 'sqlite', path: e.SQLITE_PATH };
  return deepFreeze({
    port: e.PORT,
    host: e.HOST ?? (authEnabled ? '0.0.0.0' : '127.0.0.1'),
    store,
    bot: { appId: e.BOT_ID ?? '', appPassword: e.BOT_PASSWORD ?? '', appType: e.BOT_TYPE, tenantId: e.BOT_TENANT_ID ?? '' },
    authEnabled,
    allowedTenantIds: e.ALLOWED_TENANT_IDS,
    adminAadObjectIds: e.ADMIN_AAD_OBJECT_IDS.map((id) => id.toLowerCase()),
    demoData: e.DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    partnershipId: e.PARTNERSHIP_ID,
    partnershipName: e.PARTNERSHIP_NAME,
    workEmailDomains: e.WORK_EMAIL_DOMAINS.map((domain) => domain.toLowerCase()),
    rag: { amberWithinDays: e.RAG_AMBER_WITHIN_DAYS, staleAfterDays: e.RAG_STALE_AFTER_DAYS, notStartedAfterDays: e.RAG_NOT_STARTED_AFTER_DAYS },
    assuranceClockStart: e.ASSURANCE_CLOCK_START,
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach((child) => deepFreeze(child));
    Object.freeze(value);
  }
  return value;
}
