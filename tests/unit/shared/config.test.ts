import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#shared/infrastructure/config/config.js';

describe('loadConfig', () => {
  it('gives a working configuration when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      host: 'localhost',
      port: 4000,
      databaseUrl: undefined,
      dataDir: './.data',
      servicePrefix: '',
      opsToken: undefined,
      metricsToken: undefined,
      introspection: true,
      shutdownTimeoutMs: 10_000,
    });
  });

  const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };

  it('turns introspection off in production unless asked for', () => {
    expect(loadConfig(production).introspection).toBe(false);
    expect(loadConfig({ ...production, GRAPHQL_INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('requires JWT_SECRET in production, and a long one anywhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET \(unset\): required when NODE_ENV=production/,
    );
    expect(() => loadConfig({ JWT_SECRET: 'too-short' })).toThrow(
      /JWT_SECRET=\(hidden\): expected at least 32 characters/,
    );
  });

  it('traces nothing unless an exporter is asked for, by OTEL_* as the SDKs read them', () => {
    expect(loadConfig({}).tracing).toEqual({ exporter: null, protocol: 'http/protobuf' });
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(loadConfig(endpoint).tracing).toEqual({ exporter: 'otlp', protocol: 'http/protobuf' });
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otel.example.com/v1/traces' })
        .tracing.exporter,
    ).toBe('otlp');
    // The localhost default endpoint, as the SDK has it.
    expect(loadConfig({ OTEL_TRACES_EXPORTER: 'otlp' }).tracing.exporter).toBe('otlp');
    expect(loadConfig({ OTEL_TRACES_EXPORTER: 'console' }).tracing.exporter).toBe('console');
    expect(loadConfig({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).tracing.exporter).toBeNull();
    expect(loadConfig({ ...endpoint, OTEL_SDK_DISABLED: 'true' }).tracing.exporter).toBeNull();
    // The traces-specific protocol wins over the general one.
    expect(
      loadConfig({
        ...endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
      }).tracing.protocol,
    ).toBe('http/protobuf');
    expect(
      loadConfig({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).tracing.protocol,
    ).toBe('http/json');
  });

  it('refuses OTEL_* values the SDK would quietly ignore, naming each', () => {
    const error = (() => {
      try {
        loadConfig({
          OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
          OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318',
          OTEL_TRACES_SAMPLER: 'sometimes',
          OTEL_TRACES_SAMPLER_ARG: '1.5',
          OTEL_TRACES_EXPORTER: 'jaeger',
          OTEL_EXPORTER_OTLP_HEADERS: 'api-key=secret',
        });
      } catch (caught) {
        return caught as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.problems).toEqual([
      'OTEL_TRACES_EXPORTER=jaeger: expected otlp, console or none',
      'OTEL_EXPORTER_OTLP_ENDPOINT=collector:4318: expected an http:// or https:// URL, such as http://collector:4318',
      'OTEL_EXPORTER_OTLP_PROTOCOL=grpc: expected http/protobuf or http/json (OTLP over gRPC is not built in: use port 4318)',
      'OTEL_TRACES_SAMPLER=sometimes: expected always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off or parentbased_traceidratio',
      'OTEL_TRACES_SAMPLER_ARG=1.5: expected a ratio from 0 to 1',
    ]);
    // Variables a platform sets for every container stop nothing while tracing is off.
    const platformWide = {
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_TRACES_SAMPLER: 'parentbased_jaeger_remote',
    };
    expect(loadConfig(platformWide).tracing.exporter).toBeNull();
    expect(
      loadConfig({
        ...platformWide,
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4317',
        OTEL_SDK_DISABLED: 'TRUE',
      }).tracing.exporter,
    ).toBeNull();
    expect(
      loadConfig({ ...platformWide, OTEL_TRACES_EXPORTER: 'none' }).tracing.exporter,
    ).toBeNull();
    // The collector's credentials are never echoed.
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'api-key=secret', PORT: 'x' })).toThrow(
      /PORT=x/,
    );
  });

  it('refuses argon2 parameters below OWASP minimums', () => {
    expect(() => loadConfig({ ARGON2_MEMORY_KIB: '4096' })).toThrow(/ARGON2_MEMORY_KIB=4096/);
    expect(() => loadConfig({ ARGON2_TIME_COST: '1' })).toThrow(/ARGON2_TIME_COST=1/);
  });

  it('refuses an idle timeout longer than the session lifetime', () => {
    expect(() => loadConfig({ SESSION_TTL_DAYS: '3', SESSION_IDLE_DAYS: '7' })).toThrow(
      /SESSION_IDLE_DAYS=7: expected at most SESSION_TTL_DAYS/,
    );
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({
      DATABASE_URL: '',
      SERVICE_PREFIX: '',
      OPS_TOKEN: '',
      PORT: '',
      SHUTDOWN_TIMEOUT_MS: '',
    });
    expect(config.port).toBe(4000);
    expect(config.shutdownTimeoutMs).toBe(10_000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.servicePrefix).toBe('');
    expect(config.opsToken).toBeUndefined();
  });

  it('names every bad variable and what it expects, in one error', () => {
    const attempt = () =>
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        SERVICE_PREFIX: 'api/',
        OPS_TOKEN: 'short',
        NODE_ENV: 'staging',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT=eighty: expected an integer from 0 to 65535');
      expect(problems).toContain('DATABASE_URL=(hidden): expected a postgres://');
      expect(problems).toContain('SERVICE_PREFIX=api/: expected a path such as /example');
      expect(problems).toContain('OPS_TOKEN=(hidden): expected at least 16 characters');
      expect(problems).toContain('NODE_ENV=staging: expected development, production or test');
      expect(problems).not.toContain('short');
    }
  });

  it('rejects a port out of range and a prefix with a trailing slash', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT=70000/);
    expect(() => loadConfig({ SERVICE_PREFIX: '/api/' })).toThrow(/SERVICE_PREFIX/);
  });

  it('scores with the local model by default', () => {
    expect(loadConfig({}).inference).toEqual({
      backend: 'local',
      url: undefined,
      model: 'vader-sentiment',
      timeoutMs: 5_000,
      retries: 2,
      breakerCooldownMs: 10_000,
      workers: Math.max(1, availableParallelism() - 1),
      queueCharacters: 10_000_000,
      token: undefined,
      serve: true,
      serveToken: undefined,
    });
  });

  it('has request limits that let clients through and refuses limits out of range', () => {
    expect(loadConfig({}).limits).toEqual({
      depth: 12,
      aliases: 30,
      directives: 50,
      tokens: 5_000,
      cost: 10_000,
      anonymousCost: 200,
      anonymousBodyBytes: 65_536,
      textsPerRequest: 1_000,
      scoredTextsPerMinute: 20_000,
    });
    expect(() => loadConfig({ GRAPHQL_MAX_DEPTH: '0' })).toThrow(
      /GRAPHQL_MAX_DEPTH=0: expected an integer from 1 to 100/,
    );
  });

  it('believes X-Forwarded-For only from the proxies TRUST_PROXY names, never by hop count', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toBe(
      '10.0.0.0/8, loopback',
    );
    expect(() => loadConfig({ TRUST_PROXY: '1; rm -rf' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(
      /TRUST_PROXY=1: expected proxy addresses, not a hop count/,
    );
  });

  it('serves the model at /v2 in production only with INFERENCE_SERVE_TOKEN', () => {
    expect(loadConfig(production).inference.serve).toBe(false);
    const served = loadConfig({ ...production, INFERENCE_SERVE_TOKEN: 's'.repeat(16) });
    expect(served.inference).toMatchObject({ serve: true, serveToken: 's'.repeat(16) });
    expect(() => loadConfig({ INFERENCE_SERVE_TOKEN: 'short' })).toThrow(
      /INFERENCE_SERVE_TOKEN=\(hidden\): expected at least 16 characters/,
    );
    expect(() => loadConfig({ INFERENCE_TOKEN: 'short' })).toThrow(
      /INFERENCE_TOKEN=\(hidden\): expected at least 16 characters/,
    );
  });

  it('needs INFERENCE_URL for the remote backend, and trims its trailing slash', () => {
    expect(() => loadConfig({ INFERENCE_BACKEND: 'remote' })).toThrow(
      /INFERENCE_URL \(unset\): required when INFERENCE_BACKEND=remote/,
    );
    const config = loadConfig({
      INFERENCE_BACKEND: 'remote',
      INFERENCE_URL: 'http://inference:4000/api/',
    });
    expect(config.inference).toMatchObject({ backend: 'remote', url: 'http://inference:4000/api' });
  });

  it('refuses a bad inference URL, model name, backend or timeout', () => {
    expect(() => loadConfig({ INFERENCE_URL: 'inference:4000' })).toThrow(/INFERENCE_URL=/);
    expect(() => loadConfig({ INFERENCE_URL: 'http://x/?q=1' })).toThrow(/INFERENCE_URL=/);
    expect(() => loadConfig({ INFERENCE_MODEL: 'a/b' })).toThrow(/INFERENCE_MODEL=a\/b/);
    expect(() => loadConfig({ INFERENCE_BACKEND: 'gpu' })).toThrow(/expected local or remote/);
    expect(() => loadConfig({ INFERENCE_TIMEOUT_MS: '10' })).toThrow(/INFERENCE_TIMEOUT_MS=10/);
    expect(() => loadConfig({ INFERENCE_WORKERS: '0' })).toThrow(/INFERENCE_WORKERS=0/);
  });
});
