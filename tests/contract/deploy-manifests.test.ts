import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '#shared/infrastructure/config/config.js';

const FOLDER = join('deploy', 'kubernetes');

/** Each kind the manifests use, with the Kubernetes OpenAPI schema it must satisfy. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1/Job': Job,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

// biome-ignore lint/suspicious/noExplicitAny: manifests are checked field by field below
type Manifest = any;

function manifests(): Manifest[] {
  const kustomization = parse(readFileSync(join(FOLDER, 'kustomization.yaml'), 'utf8'));
  return (kustomization.resources as string[]).flatMap((file) =>
    parseAllDocuments(readFileSync(join(FOLDER, file), 'utf8')).map((document) => ({
      file,
      ...document.toJS(),
    })),
  );
}

const validate = (manifest: Manifest) => {
  const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Model) {
    throw new Error(`${manifest.file}: no schema for ${manifest.apiVersion} ${manifest.kind}`);
  }
  const { file: _file, ...data } = manifest;
  new Model(data as never).validate();
};

const all = manifests();
const find = (kind: string, name: string) =>
  all.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
const podSpecs = all
  .filter((manifest) => manifest.kind === 'Deployment' || manifest.kind === 'Job')
  .map((manifest) => ({ name: manifest.metadata.name, spec: manifest.spec.template.spec }));

describe('the Kubernetes manifests in deploy/kubernetes', () => {
  it('lists every manifest of the folder in kustomization.yaml', () => {
    const files = readdirSync(FOLDER).filter(
      (file) => file.endsWith('.yaml') && file !== 'kustomization.yaml',
    );
    expect([...new Set(all.map((manifest) => manifest.file))].sort()).toEqual(files.sort());
  });

  it.each(all.map((manifest) => [`${manifest.file}: ${manifest.kind}`, manifest]))(
    'satisfies the Kubernetes schema: %s',
    (_name, manifest) => {
      expect(() => validate(manifest)).not.toThrow();
    },
  );

  it('refuses a manifest the schema does not allow (the validator is on)', () => {
    const deployment = structuredClone(find('Deployment', 'strata-api'));
    deployment.spec.replicas = 'three';
    expect(() => validate(deployment)).toThrow(/replicas must be integer/);
    delete deployment.spec.selector;
    expect(() => validate(deployment)).toThrow(/selector/);
  });

  it('probes routes Strata serves, on a port the container declares', () => {
    const served = new Set(['/healthz', '/readyz']);
    for (const { name, spec } of podSpecs) {
      for (const container of spec.containers) {
        const ports = new Set((container.ports ?? []).map((port: Manifest) => port.name));
        for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
          const check = container[probe];
          if (name === 'strata-migrate') {
            expect(check).toBeUndefined();
            continue;
          }
          expect(check?.httpGet, `${name} ${probe}`).toBeDefined();
          expect(served.has(check.httpGet.path), `${name} ${probe} path`).toBe(true);
          expect(ports.has(check.httpGet.port), `${name} ${probe} port`).toBe(true);
        }
      }
    }
  });

  it('gives every Service and the API’s HPA and PDB something to select', () => {
    for (const service of all.filter((manifest) => manifest.kind === 'Service')) {
      const deployment = find('Deployment', service.metadata.name);
      expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
      const ports = deployment.spec.template.spec.containers.flatMap(
        (container: Manifest) => container.ports ?? [],
      );
      for (const port of service.spec.ports) {
        expect(ports.map((declared: Manifest) => declared.name)).toContain(port.targetPort);
      }
    }
    const api = find('Deployment', 'strata-api');
    expect(find('HorizontalPodAutoscaler', 'strata-api').spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'strata-api',
    });
    expect(api.spec.template.metadata.labels).toMatchObject(
      find('PodDisruptionBudget', 'strata-api').spec.selector.matchLabels,
    );
    // Rollouts never take a pod away before its replacement is ready.
    expect(api.spec.strategy.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: 1 });
  });

  it('sets only variables Strata reads, and a configuration it accepts', () => {
    const config = find('ConfigMap', 'strata-config');
    const known = new Set(CONFIG_VARIABLES);
    const named = [
      ...Object.keys(config.data),
      ...podSpecs.flatMap(({ spec }) =>
        spec.containers.flatMap((container: Manifest) =>
          (container.env ?? []).map((variable: Manifest) => variable.name),
        ),
      ),
    ];
    expect(named.filter((name) => !known.has(name))).toEqual([]);
    // With the secrets the README asks for, both tiers' settings load.
    const secrets = {
      DATABASE_URL: 'postgres://strata:secret@postgres:5432/strata',
      JWT_SECRET: 'a'.repeat(32),
      OPS_TOKEN: 'b'.repeat(16),
      INFERENCE_TOKEN: 'c'.repeat(16),
    };
    expect(() => loadConfig({ ...config.data, ...secrets })).not.toThrow();
    const inference = find('Deployment', 'strata-inference').spec.template.spec.containers[0];
    const inferenceEnv = Object.fromEntries(
      inference.env.map((variable: Manifest) => [
        variable.name,
        variable.value ?? secrets[variable.valueFrom.secretKeyRef.key as keyof typeof secrets],
      ]),
    );
    expect(loadConfig(inferenceEnv).inference.serveToken).toBe(secrets.INFERENCE_TOKEN);
  });

  it('lets a pod finish its shutdown before Kubernetes kills it', () => {
    const config = find('ConfigMap', 'strata-config').data;
    for (const { name, spec } of podSpecs.filter((pod) => pod.name !== 'strata-migrate')) {
      const container = spec.containers[0];
      const env = Object.fromEntries(
        (container.env ?? []).map((variable: Manifest) => [variable.name, variable.value]),
      );
      const graceMs = Number(env.SHUTDOWN_GRACE_MS ?? config.SHUTDOWN_GRACE_MS ?? 0);
      const budgetMs = Number(env.SHUTDOWN_TIMEOUT_MS ?? config.SHUTDOWN_TIMEOUT_MS ?? 10_000);
      const preStopMs = (container.lifecycle?.preStop?.sleep?.seconds ?? 0) * 1000;
      expect(preStopMs, `${name} preStop`).toBeGreaterThan(0);
      expect(
        spec.terminationGracePeriodSeconds * 1000,
        `${name} terminationGracePeriodSeconds`,
      ).toBeGreaterThan(preStopMs + graceMs + budgetMs + 2_000);
    }
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8'));
  const strata = ['api', 'inference'].map((name) => ({ name, service: compose.services[name] }));

  it('sets only variables Strata reads', () => {
    const named = strata.flatMap(({ service }) => Object.keys(service.environment));
    const known = new Set(CONFIG_VARIABLES);
    expect(named.filter((name) => !known.has(name))).toEqual([]);
  });

  it('traces both tiers into the Jaeger beside them, each under its own name', () => {
    for (const { name, service } of strata) {
      // ${VAR:?…} placeholders stand for values the operator gives; any valid one will do.
      const environment = Object.fromEntries(
        Object.entries(service.environment as Record<string, string>).map(([key, value]) => [
          key,
          value.startsWith('${') ? 'x'.repeat(32) : value,
        ]),
      );
      const config = loadConfig(environment);
      expect(config.tracing, name).toEqual({ exporter: 'otlp', protocol: 'http/protobuf' });
      const endpoint = new URL(environment.OTEL_EXPORTER_OTLP_ENDPOINT as string);
      expect(
        compose.services[endpoint.hostname],
        `${name} exports to a compose service`,
      ).toBeDefined();
      expect(endpoint.port).toBe('4318');
    }
    expect(new Set(strata.map(({ service }) => service.environment.OTEL_SERVICE_NAME)).size).toBe(
      2,
    );
  });

  it('runs several API replicas behind HAProxy, which checks /readyz', () => {
    expect(compose.services.api.deploy.replicas).toBeGreaterThanOrEqual(2);
    expect(compose.services.haproxy.ports).toEqual(['4000:4000']);
    const haproxy = readFileSync(join('deploy', 'haproxy', 'haproxy.cfg'), 'utf8');
    expect(haproxy).toMatch(/option httpchk GET \/readyz/);
    expect(haproxy).toMatch(/server-template api \d+ api:4000/);
  });

  it.runIf(hasHaproxy())('has an HAProxy configuration HAProxy accepts', () => {
    expect(() =>
      execFileSync('haproxy', ['-c', '-q', '-f', join('deploy', 'haproxy', 'haproxy.cfg')]),
    ).not.toThrow();
  });

  it('gives each Strata container time to drain and finish before it is killed', () => {
    for (const { name, service } of strata) {
      const graceMs = Number(service.environment.SHUTDOWN_GRACE_MS ?? 0);
      const budgetMs = Number(service.environment.SHUTDOWN_TIMEOUT_MS ?? 10_000);
      expect(graceMs, `${name} SHUTDOWN_GRACE_MS`).toBeGreaterThan(0);
      expect(Number.parseInt(service.stop_grace_period, 10) * 1000, name).toBeGreaterThan(
        graceMs + budgetMs,
      );
      expect(service.healthcheck.test.join(' ')).toContain('/readyz');
    }
  });
});

/** HAProxy is Debian's package: CI installs it; a developer's machine may not have it. */
function hasHaproxy(): boolean {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
