import { availableParallelism } from 'node:os';
import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { message: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1');

const integer = (min: number, max: number) =>
  z.coerce
    .number({ message: `expected an integer from ${min} to ${max}` })
    .int({ message: `expected an integer from ${min} to ${max}` })
    .min(min, { message: `expected an integer from ${min} to ${max}` })
    .max(max, { message: `expected an integer from ${min} to ${max}` });

/** Where web apps run in development: Vite's dev server and preview, and the usual others. */
const DEVELOPMENT_ORIGINS = [
  'http://localhost:5173',
  'http://127.0.0.1:5173',
  'http://localhost:4173',
  'http://127.0.0.1:4173',
  'http://localhost:3000',
  'http://127.0.0.1:3000',
  'http://localhost:8080',
  'http://127.0.0.1:8080',
];

const otlpEndpoint = z.string().regex(/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/, {
  message: 'expected an http:// or https:// URL, such as http://collector:4318',
});

const otlpProtocol = z.enum(['http/protobuf', 'http/json'], {
  message: 'expected http/protobuf or http/json (OTLP over gRPC is not built in: use port 4318)',
});

/** Every environment variable the server reads. docs/configuration.md's table mirrors this. */
const configSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], {
      message: 'expected development, production or test',
    })
    .default('development'),
  HOST: z.string().min(1).default('localhost'),
  PORT: integer(0, 65535).default(4000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'expected a postgres:// or postgresql:// URL' })
    .optional(),
  // At least 2: migrations hold an advisory lock on one connection and run on another.
  DATABASE_POOL_MAX: integer(2, 100).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: integer(100, 60_000).default(3_000),
  DATABASE_STATEMENT_TIMEOUT_MS: integer(100, 600_000).default(4_000),
  DATABASE_PREPARED_STATEMENTS: booleanFlag.default(true),
  DATA_DIR: z.string().min(1).default('./.data'),
  EMBEDDED_FSYNC: booleanFlag.default(true),
  SERVICE_PREFIX: z
    .string()
    .regex(/^(\/[A-Za-z0-9._~-]+)+$/, {
      message: 'expected a path such as /example: a leading slash, no trailing slash',
    })
    .optional(),
  OPS_TOKEN: z.string().min(16, { message: 'expected at least 16 characters' }).optional(),
  METRICS_TOKEN: z.string().min(16, { message: 'expected at least 16 characters' }).optional(),
  GRAPHQL_INTROSPECTION: booleanFlag.optional(),
  GRAPHQL_EXPLORER: z.enum(['auto', 'sandbox', 'graphiql', 'none']).optional(),
  GRAPHQL_COMPILED_EXECUTION: booleanFlag.default(true),
  CORS_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^https?:\/\/[^/?#\s]+$/, {
          message: 'expected exact origins such as https://app.example.com, comma-separated',
        }),
      ),
    )
    .optional(),
  REQUEST_TIMEOUT_MS: integer(100, 600_000).default(15_000),
  SHUTDOWN_TIMEOUT_MS: integer(0, 120_000).default(10_000),
  SHUTDOWN_GRACE_MS: integer(0, 300_000).default(0),
  READINESS_TIMEOUT_MS: integer(100, 30_000).default(2_000),
  MAINTENANCE_POLL_MS: integer(100, 60_000).default(1_000),
  // Request limits, checked before execution (docs/limits.md explains each).
  GRAPHQL_MAX_DEPTH: integer(1, 100).default(12),
  GRAPHQL_MAX_ALIASES: integer(0, 10_000).default(30),
  GRAPHQL_MAX_DIRECTIVES: integer(0, 10_000).default(50),
  GRAPHQL_MAX_TOKENS: integer(100, 1_000_000).default(5_000),
  GRAPHQL_MAX_COST: integer(1, 10_000_000).default(10_000),
  GRAPHQL_MAX_COST_ANONYMOUS: integer(1, 10_000_000).default(200),
  ANONYMOUS_BODY_LIMIT_BYTES: integer(1_024, 24 * 1024 * 1024).default(64 * 1024),
  MAX_TEXTS_PER_REQUEST: integer(1, 100_000).default(1_000),
  SCORED_TEXTS_PER_MINUTE: integer(1, 10_000_000).default(20_000),
  JWT_SECRET: z.string().min(32, { message: 'expected at least 32 characters' }).optional(),
  JWT_ISSUER: z.string().min(1).default('strata'),
  JWT_AUDIENCE: z.string().min(1).default('strata'),
  ACCESS_TOKEN_TTL_SECONDS: integer(60, 86_400).default(900),
  SESSION_TTL_DAYS: integer(1, 365).default(30),
  SESSION_IDLE_DAYS: integer(1, 365).default(7),
  // OWASP's minimum for argon2id is m=19456 KiB, t=2, p=1: lower values are refused.
  ARGON2_MEMORY_KIB: integer(19_456, 1_048_576).default(19_456),
  ARGON2_TIME_COST: integer(2, 20).default(2),
  LOGIN_FAILURES_PER_ACCOUNT: integer(1, 1_000).default(5),
  LOGIN_FAILURES_PER_ADDRESS: integer(1, 100_000).default(20),
  LOGIN_MAX_DELAY_SECONDS: integer(1, 86_400).default(900),
  TRUST_PROXY: z
    .string()
    .regex(/^[0-9a-zA-Z.:/]+(\s*,\s*[0-9a-zA-Z.:/]+)*$/, {
      message:
        'expected proxy addresses, CIDRs or loopback/linklocal/uniquelocal, comma-separated (10.0.0.0/8, 127.0.0.1)',
    })
    .refine((value) => !/^\d+$/.test(value), {
      message:
        'expected proxy addresses, not a hop count: a count cannot tell a proxy from a client',
    })
    .optional(),
  HOUSEKEEPING_INTERVAL_MS: integer(1_000, 86_400_000).default(600_000),
  OUTBOX_RETENTION_HOURS: integer(1, 8_760).default(168),
  OUTBOX_POLL_INTERVAL_MS: integer(100, 60_000).default(1_000),
  // Subscriptions over WebSocket (docs/subscriptions.md).
  WS_MAX_CONNECTIONS_PER_USER: integer(1, 10_000).default(10),
  WS_MAX_CONNECTIONS_PER_ADDRESS: integer(1, 100_000).default(100),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: integer(1, 1_000).default(20),
  WS_MAX_SUBSCRIPTIONS_PER_USER: integer(1, 100_000).default(50),
  WS_MAX_BUFFERED_BYTES: integer(16 * 1024, 256 * 1024 * 1024).default(1024 * 1024),
  WS_MAX_BUFFERED_EVENTS: integer(10, 1_000_000).default(10_000),
  WS_PING_INTERVAL_MS: integer(1_000, 600_000).default(15_000),
  INFERENCE_BACKEND: z
    .enum(['local', 'remote'], { message: 'expected local or remote' })
    .default('local'),
  INFERENCE_URL: z
    .string()
    .regex(/^https?:\/\/[^/?#]+(\/[^?#]*)?$/, {
      message: 'expected an http:// or https:// base URL, without query or fragment',
    })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  INFERENCE_MODEL: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, { message: 'expected letters, digits, dot, dash, underscore' })
    .default('vader-sentiment'),
  // Tensor names of a remote model whose own are not Strata's (read from its metadata otherwise).
  INFERENCE_REMOTE_INPUT: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,128}$/, { message: 'expected a tensor name' })
    .optional(),
  INFERENCE_REMOTE_SCORE_OUTPUT: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,128}$/, { message: 'expected a tensor name' })
    .optional(),
  INFERENCE_TIMEOUT_MS: integer(50, 120_000).default(5_000),
  INFERENCE_RETRIES: integer(0, 5).default(2),
  INFERENCE_BREAKER_COOLDOWN_MS: integer(100, 600_000).default(10_000),
  // One core stays free for the event loop, so scoring never slows other requests down.
  INFERENCE_WORKERS: integer(1, 32).default(Math.max(1, availableParallelism() - 1)),
  // Two full batches (1000 texts of 5000 characters): about 3 s of one worker's time.
  INFERENCE_QUEUE_CHARACTERS: integer(5_000_000, 1_000_000_000).default(10_000_000),
  INFERENCE_TOKEN: z.string().min(16, { message: 'expected at least 16 characters' }).optional(),
  INFERENCE_SERVE_TOKEN: z
    .string()
    .min(16, { message: 'expected at least 16 characters' })
    .optional(),
  // OpenTelemetry tracing (docs/configuration.md#tracing-opentelemetry): the standard
  // variables. Platforms often set them for every container, so they are checked (by
  // `tracingSchema`) only when they turn tracing on; the SDK reads them itself.
  OTEL_SDK_DISABLED: z.string().optional(),
  OTEL_TRACES_EXPORTER: z.string().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.string().optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.string().optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z.string().optional(),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: z.string().optional(),
  OTEL_SERVICE_NAME: z.string().optional(),
  OTEL_RESOURCE_ATTRIBUTES: z.string().optional(),
  OTEL_TRACES_SAMPLER: z.string().optional(),
  OTEL_TRACES_SAMPLER_ARG: z.string().optional(),
});

/**
 * The OTEL_* variables that choose what tracing does, checked when tracing is on, so a typo
 * stops the start instead of quietly tracing nothing.
 */
const tracingSchema = z.object({
  OTEL_TRACES_EXPORTER: z
    .enum(['otlp', 'console', 'none'], { message: 'expected otlp, console or none' })
    .optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpEndpoint.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: otlpProtocol.optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: otlpProtocol.optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z.string().optional(),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: z.string().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_RESOURCE_ATTRIBUTES: z.string().optional(),
  OTEL_TRACES_SAMPLER: z
    .enum(
      [
        'always_on',
        'always_off',
        'traceidratio',
        'parentbased_always_on',
        'parentbased_always_off',
        'parentbased_traceidratio',
      ],
      {
        message:
          'expected always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off or parentbased_traceidratio',
      },
    )
    .optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce
    .number({ message: 'expected a ratio from 0 to 1' })
    .min(0, { message: 'expected a ratio from 0 to 1' })
    .max(1, { message: 'expected a ratio from 0 to 1' })
    .optional(),
});

/** Every environment variable Strata reads (deployment manifests are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(configSchema.shape);

const SECRET_VARIABLES = new Set([
  // Collector credentials (api-key=…).
  'OTEL_EXPORTER_OTLP_HEADERS',
  'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  'OPS_TOKEN',
  'METRICS_TOKEN',
  'DATABASE_URL',
  'JWT_SECRET',
  'INFERENCE_TOKEN',
  'INFERENCE_SERVE_TOKEN',
]);

export interface Config {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly databaseUrl: string | undefined;
  readonly databasePoolMax: number;
  readonly databaseConnectTimeoutMs: number;
  /** PostgreSQL cancels longer statements; the client gives up a second later. */
  readonly databaseStatementTimeoutMs: number;
  /** Statements run as named prepared statements (off for a pooler that cannot keep them). */
  readonly databasePreparedStatements: boolean;
  readonly dataDir: string;
  /** Whether each commit to the embedded database waits for its WAL to reach the disk. */
  readonly embeddedFsync: boolean;
  readonly servicePrefix: string;
  readonly opsToken: string | undefined;
  /** When set, `/metrics` answers only `Authorization: Bearer <token>`. */
  readonly metricsToken: string | undefined;
  readonly introspection: boolean;
  /** Queries run compiled (graphql-jit) from their second execution; false: graphql-js only. */
  readonly compiledExecution: boolean;
  /**
   * What a browser opening /graphql gets: Apollo Sandbox falling back to the self-served
   * GraphiQL (`auto`), either one alone, or a page naming the endpoint (`none`).
   */
  readonly explorer: ExplorerMode;
  /** Origins whose browsers may call the API (CORS); exact matches only. */
  readonly corsOrigins: readonly string[];
  /** A GraphQL request still running after this is answered REQUEST_TIMEOUT and cancelled. */
  readonly requestTimeoutMs: number;
  readonly shutdownTimeoutMs: number;
  /** After SIGTERM, how long /readyz answers 503 while the listener still serves. */
  readonly shutdownGraceMs: number;
  /** How long /readyz waits for each check before reporting it not ready. */
  readonly readinessTimeoutMs: number;
  readonly maintenancePollMs: number;
  readonly limits: RequestLimits;
  /** Unset outside production: a key is generated at start (tokens end with the process). */
  readonly jwtSecret: string | undefined;
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
  readonly accessTokenTtlSeconds: number;
  readonly sessionTtlDays: number;
  readonly sessionIdleDays: number;
  readonly argon2MemoryKib: number;
  readonly argon2TimeCost: number;
  readonly login: LoginThrottling;
  /**
   * The proxies whose X-Forwarded-For is believed for the client's address (addresses,
   * CIDRs, or proxy-addr's names); false (the default) uses the connection's address.
   */
  readonly trustProxy: string | false;
  /** How often expired sessions and old sign-in attempts are purged. */
  readonly housekeepingIntervalMs: number;
  /** How long recorded domain events stay in the outbox before housekeeping deletes them. */
  readonly outboxRetentionHours: number;
  /** How often each process reads the outbox without a notification. */
  readonly outboxPollIntervalMs: number;
  readonly websocket: WebSocketLimits;
  readonly inference: InferenceConfig;
  readonly tracing: TracingConfig;
}

/** OpenTelemetry tracing (ADR 33); the SDK reads the rest of the OTEL_* variables itself. */
export interface TracingConfig {
  /** Where finished spans go; null: tracing is off (the default). */
  readonly exporter: 'otlp' | 'console' | null;
  /** How spans are sent to an OTLP endpoint. */
  readonly protocol: 'http/protobuf' | 'http/json';
}

/** What live connections may hold (ADR 31). */
export interface WebSocketLimits {
  /** Open connections per signed-in user. */
  readonly connectionsPerUser: number;
  /** Open connections without a token per client address (behind proxies: TRUST_PROXY). */
  readonly connectionsPerAddress: number;
  readonly subscriptionsPerConnection: number;
  /** Subscriptions over all of a user's connections in this process. */
  readonly subscriptionsPerUser: number;
  /** Unsent bytes a connection may hold before it is closed as a slow consumer. */
  readonly bufferedBytes: number;
  /** Events a subscription may hold unsent before its connection is closed the same way. */
  readonly bufferedEvents: number;
  /** How often an idle connection is pinged; one that misses a pong is dropped. */
  readonly pingIntervalMs: number;
}

interface LoginThrottling {
  readonly failuresPerAccount: number;
  readonly failuresPerAddress: number;
  readonly maxDelaySeconds: number;
}

/** What one request may ask for; every limit is refused before execution starts. */
export interface RequestLimits {
  readonly depth: number;
  readonly aliases: number;
  readonly directives: number;
  readonly tokens: number;
  /** The cost budget of a signed-in caller's operation. */
  readonly cost: number;
  readonly anonymousCost: number;
  /** The body limit of GraphQL requests without valid credentials. */
  readonly anonymousBodyBytes: number;
  /** Texts one request may send to the model, all fields and aliases together. */
  readonly textsPerRequest: number;
  /** Texts each user may have scored and recorded per minute. */
  readonly scoredTextsPerMinute: number;
}

export interface InferenceConfig {
  readonly backend: 'local' | 'remote';
  /** The remote server's base URL (with its SERVICE_PREFIX, if any); remote only. */
  readonly url: string | undefined;
  /** The model to ask the remote server for; remote only. */
  readonly model: string;
  /** The remote model's text input, when its metadata does not make it clear. */
  readonly remoteInput: string | undefined;
  /** A remote output holding a compound score (−1 to 1) to read sentiment from. */
  readonly remoteScoreOutput: string | undefined;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly breakerCooldownMs: number;
  /** Worker threads scoring texts for the local model. */
  readonly workers: number;
  /** Characters the local model's queue holds before it refuses new work as busy. */
  readonly queueCharacters: number;
  /** Sent as a bearer token to the remote server; remote only. */
  readonly token: string | undefined;
  /** Whether this server serves its model at /v2: always outside production, else with a token. */
  readonly serve: boolean;
  /** The bearer token /v2 requires, if any. */
  readonly serveToken: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** See {@link Config.explorer}. */
export type ExplorerMode = 'auto' | 'sandbox' | 'graphiql' | 'none';

/** Validates the environment once, at start; every bad variable is named in one error. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as `VAR=` in a shell or a .env file intends.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema
    .superRefine((values, context) => {
      if (values.NODE_ENV === 'production' && !values.JWT_SECRET) {
        context.addIssue({
          code: 'custom',
          path: ['JWT_SECRET'],
          message: 'required when NODE_ENV=production (at least 32 random characters)',
        });
      }
      if (values.INFERENCE_BACKEND === 'remote' && !values.INFERENCE_URL) {
        context.addIssue({
          code: 'custom',
          path: ['INFERENCE_URL'],
          message: 'required when INFERENCE_BACKEND=remote (e.g. http://inference:4000)',
        });
      }
      if (tracingRequested(values)) {
        const tracing = tracingSchema.safeParse(values);
        for (const issue of tracing.success ? [] : tracing.error.issues) {
          context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
        }
      }
      if (values.SESSION_IDLE_DAYS > values.SESSION_TTL_DAYS) {
        context.addIssue({
          code: 'custom',
          path: ['SESSION_IDLE_DAYS'],
          message: 'expected at most SESSION_TTL_DAYS',
        });
      }
    })
    .safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const value = env[name];
      const shown = SECRET_VARIABLES.has(name) ? '(hidden)' : value;
      return value === undefined
        ? `${name} (unset): ${issue.message}`
        : `${name}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const values = parsed.data;
  const explorer = values.GRAPHQL_EXPLORER ?? (values.NODE_ENV === 'production' ? 'none' : 'auto');
  return {
    nodeEnv: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    logLevel: values.LOG_LEVEL,
    databaseUrl: values.DATABASE_URL,
    databasePoolMax: values.DATABASE_POOL_MAX,
    databaseConnectTimeoutMs: values.DATABASE_CONNECT_TIMEOUT_MS,
    databaseStatementTimeoutMs: values.DATABASE_STATEMENT_TIMEOUT_MS,
    databasePreparedStatements: values.DATABASE_PREPARED_STATEMENTS,
    dataDir: values.DATA_DIR,
    embeddedFsync: values.EMBEDDED_FSYNC,
    servicePrefix: values.SERVICE_PREFIX ?? '',
    opsToken: values.OPS_TOKEN,
    metricsToken: values.METRICS_TOKEN,
    explorer,
    // An explorer turned on in production brings the introspection it needs.
    introspection:
      values.GRAPHQL_INTROSPECTION ?? (values.NODE_ENV !== 'production' || explorer !== 'none'),
    compiledExecution: values.GRAPHQL_COMPILED_EXECUTION,
    corsOrigins:
      values.CORS_ORIGINS ?? (values.NODE_ENV === 'production' ? [] : DEVELOPMENT_ORIGINS),
    requestTimeoutMs: values.REQUEST_TIMEOUT_MS,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    shutdownGraceMs: values.SHUTDOWN_GRACE_MS,
    readinessTimeoutMs: values.READINESS_TIMEOUT_MS,
    maintenancePollMs: values.MAINTENANCE_POLL_MS,
    limits: {
      depth: values.GRAPHQL_MAX_DEPTH,
      aliases: values.GRAPHQL_MAX_ALIASES,
      directives: values.GRAPHQL_MAX_DIRECTIVES,
      tokens: values.GRAPHQL_MAX_TOKENS,
      cost: values.GRAPHQL_MAX_COST,
      anonymousCost: values.GRAPHQL_MAX_COST_ANONYMOUS,
      anonymousBodyBytes: values.ANONYMOUS_BODY_LIMIT_BYTES,
      textsPerRequest: values.MAX_TEXTS_PER_REQUEST,
      scoredTextsPerMinute: values.SCORED_TEXTS_PER_MINUTE,
    },
    jwtSecret: values.JWT_SECRET,
    jwtIssuer: values.JWT_ISSUER,
    jwtAudience: values.JWT_AUDIENCE,
    accessTokenTtlSeconds: values.ACCESS_TOKEN_TTL_SECONDS,
    sessionTtlDays: values.SESSION_TTL_DAYS,
    sessionIdleDays: values.SESSION_IDLE_DAYS,
    argon2MemoryKib: values.ARGON2_MEMORY_KIB,
    argon2TimeCost: values.ARGON2_TIME_COST,
    login: {
      failuresPerAccount: values.LOGIN_FAILURES_PER_ACCOUNT,
      failuresPerAddress: values.LOGIN_FAILURES_PER_ADDRESS,
      maxDelaySeconds: values.LOGIN_MAX_DELAY_SECONDS,
    },
    trustProxy: values.TRUST_PROXY ?? false,
    housekeepingIntervalMs: values.HOUSEKEEPING_INTERVAL_MS,
    outboxRetentionHours: values.OUTBOX_RETENTION_HOURS,
    outboxPollIntervalMs: values.OUTBOX_POLL_INTERVAL_MS,
    websocket: {
      connectionsPerUser: values.WS_MAX_CONNECTIONS_PER_USER,
      connectionsPerAddress: values.WS_MAX_CONNECTIONS_PER_ADDRESS,
      subscriptionsPerConnection: values.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
      subscriptionsPerUser: values.WS_MAX_SUBSCRIPTIONS_PER_USER,
      bufferedBytes: values.WS_MAX_BUFFERED_BYTES,
      bufferedEvents: values.WS_MAX_BUFFERED_EVENTS,
      pingIntervalMs: values.WS_PING_INTERVAL_MS,
    },
    inference: {
      backend: values.INFERENCE_BACKEND,
      url: values.INFERENCE_URL,
      model: values.INFERENCE_MODEL,
      remoteInput: values.INFERENCE_REMOTE_INPUT,
      remoteScoreOutput: values.INFERENCE_REMOTE_SCORE_OUTPUT,
      timeoutMs: values.INFERENCE_TIMEOUT_MS,
      retries: values.INFERENCE_RETRIES,
      breakerCooldownMs: values.INFERENCE_BREAKER_COOLDOWN_MS,
      workers: values.INFERENCE_WORKERS,
      queueCharacters: values.INFERENCE_QUEUE_CHARACTERS,
      token: values.INFERENCE_TOKEN,
      serve: values.NODE_ENV !== 'production' || values.INFERENCE_SERVE_TOKEN !== undefined,
      serveToken: values.INFERENCE_SERVE_TOKEN,
    },
    tracing: tracingConfig(values),
  };
}

/**
 * Tracing is on when an exporter is asked for: OTEL_TRACES_EXPORTER, or an OTLP endpoint
 * (the SDK's default exporter). OTEL_SDK_DISABLED=true turns it off whatever else is set.
 */
function tracingRequested(values: z.infer<typeof configSchema>): boolean {
  if (values.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') {
    return false;
  }
  if (values.OTEL_TRACES_EXPORTER !== undefined) {
    return values.OTEL_TRACES_EXPORTER.trim() !== 'none';
  }
  return Boolean(values.OTEL_EXPORTER_OTLP_ENDPOINT || values.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

function tracingConfig(values: z.infer<typeof configSchema>): TracingConfig {
  if (!tracingRequested(values)) {
    return { exporter: null, protocol: 'http/protobuf' };
  }
  // Checked in loadConfig's refinement.
  const tracing = tracingSchema.parse(values);
  return {
    exporter: tracing.OTEL_TRACES_EXPORTER === 'console' ? 'console' : 'otlp',
    protocol:
      tracing.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ??
      tracing.OTEL_EXPORTER_OTLP_PROTOCOL ??
      'http/protobuf',
  };
}
