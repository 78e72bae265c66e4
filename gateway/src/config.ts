import { z } from 'zod';
import { env, httpEnv, kafkaEnv, logEnv } from '@pcc/config';

/** Development-only secrets, refused when NODE_ENV=production. */
export const DEV_JWT_SECRET = 'pcc-development-jwt-secret-not-for-production';
export { DEV_INTERNAL_SECRET } from '@pcc/http';
import { DEV_INTERNAL_SECRET } from '@pcc/http';

/**
 * The gateway's environment. Subgraph URLs come from the supergraph; `*_URL` overrides them
 * (containers reach services by name).
 */
export const configSchema = z
  .object({
    ...httpEnv(4000),
    ...logEnv(),
    /** HS256 secret of callers' JWTs (development and tests). */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
    /** In production: the identity provider's JWKS URL (https only: the keys must not be replaceable in transit). */
    JWT_JWKS_URL: env.url(undefined, ['https']).optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    /** Longest lifetime (`exp - iat`) of a caller's token. */
    JWT_MAX_LIFETIME_SECONDS: env.int(86_400, 60, 30 * 86_400),
    /** Clock skew allowed when checking a caller's token's `exp`/`nbf`. */
    JWT_CLOCK_TOLERANCE_SECONDS: env.int(30, 0, 300),
    INTERNAL_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_INTERNAL_SECRET),
    /** The bootstrap supergraph (default: the committed gateway/supergraph.graphql). */
    SUPERGRAPH_PATH: z.string().min(1).optional(),
    /**
     * `registry`: start on the bootstrap and follow the schema registry on Kafka (accepted supergraphs
     * are swapped in without a restart); `file`: serve the bootstrap only (offline).
     */
    SUPERGRAPH_SOURCE: env.oneOf(['registry', 'file'] as const, 'registry'),
    /** How long start-up waits for the registry's current supergraph before serving the bootstrap. */
    SUPERGRAPH_REGISTRY_WAIT_MS: env.int(5_000, 0, 120_000),
    ...kafkaEnv('pcc-gateway'),
    ORGANIZATIONS_URL: env.url(undefined, ['http', 'https']).optional(),
    CASES_URL: env.url(undefined, ['http', 'https']).optional(),
    PLANNING_URL: env.url(undefined, ['http', 'https']).optional(),
    WASTE_METRICS_URL: env.url(undefined, ['http', 'https']).optional(),
    NOTIFICATIONS_URL: env.url(undefined, ['http', 'https']).optional(),
    SUBGRAPH_TIMEOUT_MS: env.int(10_000, 100, 120_000),
    MAX_DEPTH: env.int(12, 2, 50),
    MAX_ALIASES: env.int(30, 1, 1000),
    MAX_COST: env.int(20_000, 100, 1_000_000),
    BODY_LIMIT_BYTES: env.int(1_048_576, 1024, 16_777_216),
    /**
     * Rate limits of public intake and the reporter's actions, per window: `memory` keeps each
     * process's own budget; `redis` (REDIS_URL) shares one budget between every gateway replica.
     */
    RATE_LIMIT_STORE: env.oneOf(['memory', 'redis'] as const, 'memory'),
    REDIS_URL: env.url('redis://127.0.0.1:6379', ['redis', 'rediss']),
    RATE_LIMIT_PREFIX: env.string('pcc-rate'),
    RATE_LIMIT_WINDOW_SECONDS: env.int(600, 1, 86_400),
    /** `openCase` without a token, per client (IP address) and window. */
    RATE_LIMIT_INTAKE: env.int(10, 1, 1_000_000),
    /** The reporter's actions (add information, rate, reopen), per client and window. */
    RATE_LIMIT_REPORTER: env.int(30, 1, 1_000_000),
    /** The reporter's actions on one tracking code, per window, whoever sends them. */
    RATE_LIMIT_TRACKING_CODE: env.int(10, 1, 1_000_000),
    /**
     * Port of `/metrics`. Unset: the public port in development, PRODUCTION_METRICS_PORT in
     * production (the metrics tell about traffic and must stay on the internal network).
     */
    METRICS_PORT: env.int(undefined, 1, 65_535).optional(),
    /** Rows of one CSV export at most (`GET /exports/<name>.csv`): a bigger extract goes to the analysts' streams. */
    EXPORT_ROW_LIMIT: env.int(50_000, 1, 1_000_000),
    /** Features of the public case map at most (`GET /feeds/cases.geojson`). */
    FEED_CASE_LIMIT: env.int(2_000, 1, 100_000),
    /** `GET /changes`: the console's live "what changed" stream, fed from Kafka (see src/changes.ts). */
    CHANGES_STREAM: env.bool(true),
    /** Processes serving the port (node:cluster); 0 = one per CPU. One keeps the simplest process model. */
    GATEWAY_WORKERS: env.int(1, 0, 64),
  })
  .superRefine((config, context) => {
    // An identity provider issues tokens for many applications: accept only ours.
    if (config.JWT_JWKS_URL && !config.JWT_ISSUER)
      context.addIssue({ code: 'custom', path: ['JWT_ISSUER'], message: 'is required with JWT_JWKS_URL' });
    if (config.JWT_JWKS_URL && !config.JWT_AUDIENCE)
      context.addIssue({ code: 'custom', path: ['JWT_AUDIENCE'], message: 'is required with JWT_JWKS_URL' });
    if (config.NODE_ENV !== 'production') return;
    if (config.JWT_SECRET === DEV_JWT_SECRET && !config.JWT_JWKS_URL)
      context.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'set JWT_JWKS_URL or a real JWT_SECRET in production',
      });
    if (config.METRICS_PORT === config.PORT)
      context.addIssue({
        code: 'custom',
        path: ['METRICS_PORT'],
        message: 'must not be the public PORT in production',
      });
    if (config.INTERNAL_JWT_SECRET === DEV_INTERNAL_SECRET)
      context.addIssue({ code: 'custom', path: ['INTERNAL_JWT_SECRET'], message: 'set a real secret in production' });
  });

export type Config = z.infer<typeof configSchema>;

export const PRODUCTION_METRICS_PORT = 9464;

/** The port `/metrics` gets of its own, or undefined when it shares the public port (development). */
export const metricsPort = (config: Config): number | undefined =>
  config.METRICS_PORT ?? (config.NODE_ENV === 'production' ? PRODUCTION_METRICS_PORT : undefined);

/** Subgraph URL overrides by subgraph name, from the config. */
export const urlOverrides = (config: Config): Record<string, string | undefined> => ({
  organizations: config.ORGANIZATIONS_URL,
  cases: config.CASES_URL,
  planning: config.PLANNING_URL,
  waste_metrics: config.WASTE_METRICS_URL,
  notifications: config.NOTIFICATIONS_URL,
});
