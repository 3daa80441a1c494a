import { Cron } from 'croner';
import { z } from 'zod';
import type { ReminderSettings } from './domain/reminders/reminder-policy';
import { DEFAULT_SEND_SETTINGS, SendSettings } from './app/reminders/send-outbox';

/** 'HH:MM' on a 24-hour clock. */
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

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
    /** Report mirrors (issue 14): on by default with Cosmos DB, where a query costs more than reads by id; off with SQLite. */
    REPORT_MIRRORS: z.enum(['on', 'off']).optional(),
    SQLITE_PATH: z.string().default('data/assurance.db'),
    COSMOS_ENDPOINT: z.string().url().optional(),
    COSMOS_KEY: z.string().optional(),
    COSMOS_DATABASE: z.string().default('assurance-bot'),
    /** The user-assigned managed identity's client id: Cosmos DB is then reached with that identity, not a key. */
    AZURE_CLIENT_ID: z.string().uuid('the managed identity\'s client id (a GUID)').optional(),
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
    JOBS_SECRET: z.string().min(16, 'at least 16 characters').optional(),
    JOBS_CRON: z.string().refine(isCron, 'a cron expression (minute hour day month weekday)').default('*/15 * * * *'),
    JOBS_IN_PROCESS: flag.default('true'),
    JOBS_LEASE_TTL_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
    OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    CLOCK_NOW: z.string().datetime({ offset: true }).optional(),
    REMINDER_DUE_SOON_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
    REMINDER_OVERDUE_REPEAT_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
    REMINDER_AGENCY_LEAD_AFTER_WORKING_DAYS: z.coerce.number().int().min(1).max(120).default(5),
    REMINDER_ESCALATE_AFTER_WORKING_DAYS: z.coerce.number().int().min(1).max(120).default(10),
    ASSURANCE_CHASE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
    PAI_DIGEST_LEAD_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(3),
    SNOOZE_MAX_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
    ASSURANCE_SNOOZE_MAX_WORKING_DAYS: z.coerce.number().int().min(1).max(120).default(20),
    SEND_WINDOW_START: z.string().regex(HH_MM, 'HH:MM (24-hour, London time)').default('08:00'),
    SEND_WINDOW_END: z.string().regex(HH_MM, 'HH:MM (24-hour, London time)').default('18:00'),
    SEND_TENANT_RATE_PER_SECOND: z.coerce.number().min(1).max(50).default(47),
    SEND_CONVERSATION_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(600),
    SEND_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(12),
    SEND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    SEND_CLAIM_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
    SEND_MAX_WAIT_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
    PAI_CHANNEL_CONVERSATION_ID: z.string().optional(),
    BUSINESS_UNIT_CHANNEL_CONVERSATION_ID: z.string().optional(),
    SCRUTINY_TARGET_PIECES: z.coerce.number().int().min(1).max(20).default(3),
    SCRUTINY_AUDIT_DOMAINS: list.default('VOICE_OF_THE_CHILD,ASSESSMENT,PLANNING_AND_INTERVENTION,JOINT_WORKING,MANAGEMENT_OVERSIGHT,IMPACT'),
  });

function isCron(expression: string): boolean {
  try {
    new Cron(expression, { paused: true, timezone: 'Europe/London' }).stop();
    return true;
  } catch {
    return false;
  }
}

/**
 * Rules that join variables. They read the raw values so they are reported even when another variable is
 * malformed (zod skips refinements once a field fails).
 */
function crossFieldProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env.STORE === 'cosmos' && !env.COSMOS_ENDPOINT) problems.push('COSMOS_ENDPOINT: required when STORE=cosmos');
  if (env.STORE !== 'cosmos' && (env.COSMOS_ENDPOINT || env.COSMOS_KEY)) {
    problems.push('STORE: set STORE=cosmos to use COSMOS_ENDPOINT/COSMOS_KEY (without it the bot would use SQLite)');
  }
  if (env.STORE === 'cosmos' && env.COSMOS_KEY && env.AZURE_CLIENT_ID) {
    problems.push('COSMOS_KEY: leave it empty when AZURE_CLIENT_ID is set (the managed identity reaches Cosmos DB; the template turns keys off)');
  }
  if (env.BOT_TYPE === 'UserAssignedMSI') {
    if (!env.BOT_ID) problems.push("BOT_ID: required when BOT_TYPE=UserAssignedMSI (the managed identity's client id)");
    if (!env.BOT_TENANT_ID) problems.push('BOT_TENANT_ID: required when BOT_TYPE=UserAssignedMSI');
    if (env.BOT_PASSWORD) problems.push('BOT_PASSWORD: must be empty when BOT_TYPE=UserAssignedMSI (the managed identity signs in, there is no password)');
  } else if (env.BOT_ID && !env.BOT_PASSWORD) {
    problems.push('BOT_PASSWORD: required when BOT_ID is set (or BOT_TYPE=UserAssignedMSI with BOT_TENANT_ID)');
  }
  if (env.BOT_TYPE === 'SingleTenant' && env.BOT_ID && !env.BOT_TENANT_ID) problems.push('BOT_TENANT_ID: required when BOT_TYPE=SingleTenant');
  if (env.BOT_ID && env.CLOCK_NOW) problems.push('CLOCK_NOW: only allowed in local mode (BOT_ID empty); a deployed bot runs on the real clock');
  if (env.SEND_WINDOW_START && env.SEND_WINDOW_END && env.SEND_WINDOW_START >= env.SEND_WINDOW_END) {
    problems.push('SEND_WINDOW_START: must be earlier than SEND_WINDOW_END');
  }
  return problems;
}

export type StoreConfig =
  | { kind: 'sqlite'; path: string }
  | {
      kind: 'cosmos';
      endpoint: string;
      databaseId: string;
      /**
       * How the bot signs in to Cosmos DB: the account key, or an Entra ID identity (the user-assigned managed identity
       * named by AZURE_CLIENT_ID, or DefaultAzureCredential on a developer's machine). With an identity the database and
       * container are the template's: the bot never tries to create them.
       */
      auth: { kind: 'key'; key: string } | { kind: 'identity'; clientId?: string };
    };

export interface AppConfig {
  port: number;
  /** Loopback only while authentication is off (local mode). */
  host: string;
  store: StoreConfig;
  /** Whether the rebuild keeps the report mirrors (REPORT_MIRRORS; by default on with Cosmos DB, off with SQLite). */
  reportMirrors: boolean;
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
  /** RAG thresholds in days (docs/design/domain.md section 2, defaults 30/90/30). */
  rag: { amberWithinDays: number; staleAfterDays: number; notStartedAfterDays: number };
  /** Which recorded date starts the 12-month assurance clock when completed_on is not given (docs/design/domain.md section 8). */
  assuranceClockStart: 'MANUAL' | 'RR_SUBMITTED' | 'PUBLISHED' | 'ACTION_PLANNING_MEETING';
  /** Reminder timing in working days and the London send window (issue 4; defaults from docs/design/domain.md). */
  reminders: ReminderSettings;
  /** Pacing and retries of proactive sends (docs/design/platform.md limits). */
  sending: SendSettings;
  jobs: {
    /** Shared secret for POST /api/jobs/tick; the endpoint is off without it. */
    secret?: string;
    /** Cron expression (Europe/London) for the in-process tick. */
    cron: string;
    inProcess: boolean;
    leaseTtlMs: number;
    /** Sent and dead outbox messages older than this are deleted by the tick (their counts are kept). */
    outboxRetentionDays: number;
  };
  /** Local mode only: the clock starts at this instant and runs on (demos and acceptance runs). */
  clockNow?: string;
  /** Teams conversation ids of the PAI channel (digests, PAI escalations) and the business unit's channel (fallback). */
  routing: { paiChannelConversationId?: string; businessUnitChannelConversationId?: string };
  /** Scrutiny pieces aimed for per reporting period and the case file audit domains (issue 12). */
  scrutiny: { targetPieces: number; auditDomains: string[] };
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
      ? {
          kind: 'cosmos',
          endpoint: e.COSMOS_ENDPOINT as string,
          databaseId: e.COSMOS_DATABASE,
          auth: e.COSMOS_KEY ? { kind: 'key', key: e.COSMOS_KEY } : { kind: 'identity', clientId: e.AZURE_CLIENT_ID },
        }
      : { kind: 'sqlite', path: e.SQLITE_PATH };
  return deepFreeze({
    port: e.PORT,
    host: e.HOST ?? (authEnabled ? '0.0.0.0' : '127.0.0.1'),
    store,
    reportMirrors: (e.REPORT_MIRRORS ?? (e.STORE === 'cosmos' ? 'on' : 'off')) === 'on',
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
    reminders: {
      dueSoonWorkingDays: e.REMINDER_DUE_SOON_WORKING_DAYS,
      overdueRepeatWorkingDays: e.REMINDER_OVERDUE_REPEAT_WORKING_DAYS,
      agencyLeadAfterWorkingDays: e.REMINDER_AGENCY_LEAD_AFTER_WORKING_DAYS,
      escalateAfterWorkingDays: e.REMINDER_ESCALATE_AFTER_WORKING_DAYS,
      assuranceChaseWorkingDays: e.ASSURANCE_CHASE_WORKING_DAYS,
      digestLeadWorkingDays: e.PAI_DIGEST_LEAD_WORKING_DAYS,
      maxSnoozeWorkingDays: e.SNOOZE_MAX_WORKING_DAYS,
      maxAssuranceSnoozeWorkingDays: e.ASSURANCE_SNOOZE_MAX_WORKING_DAYS,
      sendWindow: { from: e.SEND_WINDOW_START, until: e.SEND_WINDOW_END },
    },
    sending: {
      ...DEFAULT_SEND_SETTINGS,
      tenantRatePerSecond: e.SEND_TENANT_RATE_PER_SECOND,
      conversationIntervalMs: e.SEND_CONVERSATION_INTERVAL_MS,
      maxInFlight: e.SEND_MAX_IN_FLIGHT,
      maxAttempts: e.SEND_MAX_ATTEMPTS,
      claimTtlMs: e.SEND_CLAIM_TTL_SECONDS * 1000,
      maxWaitMs: e.SEND_MAX_WAIT_SECONDS * 1000,
    },
    jobs: { secret: e.JOBS_SECRET, cron: e.JOBS_CRON, inProcess: e.JOBS_IN_PROCESS, leaseTtlMs: e.JOBS_LEASE_TTL_SECONDS * 1000, outboxRetentionDays: e.OUTBOX_RETENTION_DAYS },
    clockNow: e.CLOCK_NOW,
    routing: { paiChannelConversationId: e.PAI_CHANNEL_CONVERSATION_ID, businessUnitChannelConversationId: e.BUSINESS_UNIT_CHANNEL_CONVERSATION_ID },
    scrutiny: { targetPieces: e.SCRUTINY_TARGET_PIECES, auditDomains: e.SCRUTINY_AUDIT_DOMAINS.map((domain) => domain.trim().toUpperCase().replace(/[\s-]+/g, '_')) },
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
