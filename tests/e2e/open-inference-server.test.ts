import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageVersion } from '#app/package-version.js';
import { SENTIMENT_MODEL } from '#modules/inference/application/index.js';
import { PredictSentimentDocument } from '../../schema/generated/graphql.js';
import { ScriptedSentimentModel } from '../doubles/scripted-sentiment-model.js';
import { graphql } from '../support/http.js';
import { TEST_OPS_TOKEN } from '../support/test-config.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { type InferInput, TritonHttpClient } from '../support/triton-http-client.js';

const infer = (texts: unknown[], extra: Record<string, unknown> = {}) => ({
  inputs: [{ name: 'text', datatype: 'BYTES', shape: [texts.length], data: texts }],
  ...extra,
});

describe('the Open Inference Protocol at /v2', () => {
  let server: TestServer;
  const model = new ScriptedSentimentModel();
  const v2 = (path: string) => `${server.url}/v2${path}`;
  const post = (path: string, body: unknown) =>
    fetch(v2(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    server = await startTestServer({
      env: { SERVICE_PREFIX: '/strata' },
      configure: (container) => container.rebind(SENTIMENT_MODEL).toConstantValue(model),
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('serves under SERVICE_PREFIX: server metadata, live, ready', async () => {
    expect(server.url).toMatch(/\/strata$/);
    expect(await (await fetch(v2(''))).json()).toEqual({
      name: 'strata',
      version: packageVersion,
      extensions: ['binary_tensor_data'],
    });
    expect((await fetch(`${server.url.replace(/\/strata$/, '')}/v2/health/live`)).status).toBe(404);
    expect(await (await fetch(v2('/health/live'))).json()).toEqual({ live: true });
    const ready = await fetch(v2('/health/ready'));
    expect([ready.status, await ready.json()]).toEqual([200, { ready: true }]);
  });

  it('describes the model and its tensors', async () => {
    const response = await fetch(v2('/models/scripted'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      name: 'scripted',
      versions: ['scripted-1'],
      inputs: [{ name: 'text', datatype: 'BYTES', shape: [-1] }],
      properties: { labels: 'POSITIVE,NEGATIVE,NEUTRAL', max_batch_size: '1000' },
    });
    const versioned = await fetch(v2('/models/scripted/versions/scripted-1'));
    expect(versioned.status).toBe(200);
    const ready = await fetch(v2('/models/scripted/ready'));
    expect(await ready.json()).toEqual({ name: 'scripted', ready: true });
  });

  it('scores a batch in input order and echoes the request id', async () => {
    const response = await post(
      '/models/scripted/infer',
      infer(['bad', 'plain', 'good'], { id: 'r-7' }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      id: string;
      model_name: string;
      model_version: string;
      outputs: { name: string; data: unknown[] }[];
    };
    expect(body).toMatchObject({ id: 'r-7', model_name: 'scripted', model_version: 'scripted-1' });
    expect(body.outputs.find((output) => output.name === 'label')?.data).toEqual([
      'NEGATIVE',
      'NEUTRAL',
      'POSITIVE',
    ]);
    // The protocol echoes an id only when the request gave one, of any length.
    const versioned = await post('/models/scripted/versions/scripted-1/infer', infer(['good']));
    expect(await versioned.json()).not.toHaveProperty('id');
    const long = 'r'.repeat(1000);
    const echoed = await post('/models/scripted/infer', infer(['good'], { id: long }));
    expect(((await echoed.json()) as { id: string }).id).toBe(long);
  });

  it.each([
    { name: 'an unknown model', path: '/models/other/infer', body: infer(['x']), status: 404 },
    {
      name: 'an unknown version',
      path: '/models/scripted/versions/9/infer',
      body: infer(['x']),
      status: 404,
    },
    { name: 'no texts', path: '/models/scripted/infer', body: infer([]), status: 400 },
    {
      name: 'too many texts',
      path: '/models/scripted/infer',
      body: infer(Array.from({ length: 1001 }, (_, i) => `t${i}`)),
      status: 400,
    },
    {
      name: 'a text over 5000 characters',
      path: '/models/scripted/infer',
      body: infer(['x'.repeat(5001)]),
      status: 400,
    },
    {
      name: 'a wrong input tensor',
      path: '/models/scripted/infer',
      body: { inputs: [{ name: 'image', datatype: 'FP32', shape: [1], data: [1] }] },
      status: 400,
    },
    { name: 'malformed JSON', path: '/models/scripted/infer', body: '{"inputs": [', status: 400 },
    { name: 'an empty text', path: '/models/scripted/infer', body: infer(['  ']), status: 400 },
    {
      name: 'a control character',
      path: '/models/scripted/infer',
      body: infer(['good\u0000']),
      status: 400,
    },
    {
      name: 'an extra input',
      path: '/models/scripted/infer',
      body: {
        inputs: [
          ...infer(['good']).inputs,
          { name: 'lang', datatype: 'BYTES', shape: [1], data: ['en'] },
        ],
      },
      status: 400,
    },
    {
      name: 'an unknown output',
      path: '/models/scripted/infer',
      body: infer(['good'], { outputs: [{ name: 'sentiment' }] }),
      status: 400,
    },
  ])('answers $status with an error body for $name', async ({ path, body, status }) => {
    const calls = model.calls;
    const response = await post(path, body);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: expect.any(String) });
    expect(model.calls).toBe(calls);
  });

  it.each(['text/plain', 'application/xml', 'application/octet-stream', null])(
    'reads a %s body as JSON, as Triton does',
    async (type) => {
      const send = (body: string) =>
        fetch(v2('/models/scripted/infer'), {
          method: 'POST',
          // A Uint8Array body goes without a Content-Type unless one is set.
          headers: type ? { 'content-type': type } : {},
          body: new TextEncoder().encode(body),
        });
      const refused = await send('<good/>');
      expect([refused.status, await refused.json()]).toEqual([400, { error: expect.any(String) }]);
      const scored = await send(JSON.stringify(infer(['good'])));
      expect(scored.status).toBe(200);
      expect(await scored.json()).toMatchObject({ model_name: 'scripted' });
    },
  );

  it('answers only the outputs asked for, in their order', async () => {
    const response = await post(
      '/models/scripted/infer',
      infer(['good', 'bad'], { outputs: [{ name: 'compound' }, { name: 'label' }] }),
    );
    expect(await response.json()).toEqual({
      model_name: 'scripted',
      model_version: 'scripted-1',
      outputs: [
        { name: 'compound', datatype: 'FP64', shape: [2], data: [0.5, -0.5] },
        { name: 'label', datatype: 'BYTES', shape: [2], data: ['POSITIVE', 'NEGATIVE'] },
      ],
    });
  });

  describe('with the Triton HTTP client, as tritonclient.http sends and reads', () => {
    const client = () => new TritonHttpClient(server.url);
    const text = (texts: string[], binaryData?: boolean): InferInput => ({
      name: 'text',
      shape: [texts.length],
      datatype: 'BYTES',
      texts,
      ...(binaryData === undefined ? {} : { binaryData }),
    });

    it('gets server and model metadata, and readiness', async () => {
      expect(await client().get_server_metadata()).toMatchObject({
        extensions: ['binary_tensor_data'],
      });
      expect(await client().get_model_metadata('scripted')).toMatchObject({
        name: 'scripted',
        inputs: [{ name: 'text', datatype: 'BYTES' }],
      });
      expect(await client().is_server_ready()).toBe(true);
    });

    it('predicts with its defaults: binary inputs and binary outputs, no Content-Type', async () => {
      const texts = ['good', 'bad bad', 'plain ünïcode ✓'];
      const result = await client().infer('scripted', [text(texts)]);
      expect(result.as_numpy('label')).toEqual(['POSITIVE', 'NEGATIVE', 'NEUTRAL']);
      expect(result.as_numpy('compound')).toEqual([0.5, -1, 0]);
      expect(result.as_numpy('positive')).toEqual([1, 0, 0]);
      expect(result.get_response()).not.toHaveProperty('id');
    });

    it('mixes JSON and binary: a JSON input, outputs asked for each way, an id', async () => {
      const result = await client().infer('scripted', [text(['good', 'bad'], false)], {
        outputs: [{ name: 'score', binaryData: false }, { name: 'label' }],
        request_id: 'triton-1',
      });
      expect(result.get_response()).toMatchObject({
        id: 'triton-1',
        outputs: [
          { name: 'score', datatype: 'FP64', shape: [2], data: [0.5, 0.5] },
          { name: 'label', datatype: 'BYTES', shape: [2], parameters: { binary_data_size: 24 } },
        ],
      });
      expect(result.as_numpy('label')).toEqual(['POSITIVE', 'NEGATIVE']);
    });

    it('gets protocol errors it can read, and nothing is scored', async () => {
      const calls = model.calls;
      await expect(client().infer('scripted', [text([''])])).rejects.toMatchObject({
        status: '400',
        message: expect.stringMatching(/Text 0/),
      });
      await expect(
        client().infer('scripted', [text(['good'])], { outputs: [{ name: 'emotion' }] }),
      ).rejects.toMatchObject({ status: '400', message: expect.stringMatching(/"emotion"/) });
      await expect(client().infer('other', [text(['good'])])).rejects.toMatchObject({
        status: '404',
      });
      expect(model.calls).toBe(calls);
    });

    it('serves two clients at once', async () => {
      const [a, b] = await Promise.all([
        client().infer('scripted', [text(['good'])]),
        client().infer('scripted', [text(['bad', 'good'])]),
      ]);
      expect(a.as_numpy('label')).toEqual(['POSITIVE']);
      expect(b.as_numpy('label')).toEqual(['NEGATIVE', 'POSITIVE']);
    });
  });

  it('serves the model under its version: metadata, readiness and scores', async () => {
    const versioned = v2('/models/scripted/versions/scripted-1');
    const metadata = await fetch(versioned);
    expect(metadata.status).toBe(200);
    const described = await metadata.json();
    expect(described).toEqual({
      name: 'scripted',
      versions: ['scripted-1'],
      platform: 'strata_sentiment',
      inputs: [{ name: 'text', datatype: 'BYTES', shape: [-1] }],
      outputs: [
        { name: 'label', datatype: 'BYTES', shape: [-1] },
        ...['score', 'positive', 'negative', 'neutral', 'compound'].map((name) => ({
          name,
          datatype: 'FP64',
          shape: [-1],
        })),
      ],
      properties: { labels: 'POSITIVE,NEGATIVE,NEUTRAL', max_batch_size: '1000' },
    });
    expect(await (await fetch(v2('/models/scripted'))).json()).toEqual(described);

    const ready = await fetch(`${versioned}/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { name: 'scripted', ready: true }]);

    const scored = await post('/models/scripted/versions/scripted-1/infer', {
      ...infer(['good', 'bad good bad']),
      id: 'versioned-1',
    });
    expect(scored.status).toBe(200);
    // The scripted model: +0.5 a positive word, -0.5 a negative one, shares of the words.
    expect(await scored.json()).toEqual({
      model_name: 'scripted',
      model_version: 'scripted-1',
      id: 'versioned-1',
      outputs: [
        { name: 'label', datatype: 'BYTES', shape: [2], data: ['POSITIVE', 'NEGATIVE'] },
        { name: 'score', datatype: 'FP64', shape: [2], data: [0.5, 0.5] },
        { name: 'positive', datatype: 'FP64', shape: [2], data: [1, 1 / 3] },
        { name: 'negative', datatype: 'FP64', shape: [2], data: [0, 2 / 3] },
        { name: 'neutral', datatype: 'FP64', shape: [2], data: [0, 0] },
        { name: 'compound', datatype: 'FP64', shape: [2], data: [0.5, -0.5] },
      ],
    });
  });

  it('answers 404 naming the version for a version the model does not have', async () => {
    const calls = model.calls;
    const error = { error: 'Model "scripted" has no version "9".' };
    const metadata = await fetch(v2('/models/scripted/versions/9'));
    expect([metadata.status, await metadata.json()]).toEqual([404, error]);
    const ready = await fetch(v2('/models/scripted/versions/9/ready'));
    expect([ready.status, await ready.json()]).toEqual([404, error]);
    const scored = await post('/models/scripted/versions/9/infer', infer(['good']));
    expect([scored.status, await scored.json()]).toEqual([404, error]);
    expect(model.calls).toBe(calls);
  });

  it('answers 404 in protocol form for unknown routes and models', async () => {
    const missing = await fetch(v2('/nothing/here'));
    expect([missing.status, await missing.json()]).toEqual([404, { error: expect.any(String) }]);
    const metadata = await fetch(v2('/models/other'));
    expect(metadata.status).toBe(404);
  });

  it('answers 503 while the model cannot score', async () => {
    model.available = false;
    try {
      const response = await post('/models/scripted/infer', infer(['good']));
      expect([response.status, await response.json()]).toEqual([
        503,
        { error: expect.stringContaining('switched off') },
      ]);
      const ready = await fetch(v2('/health/ready'));
      expect([ready.status, await ready.json()]).toEqual([503, { ready: false }]);
      const modelReady = await fetch(v2('/models/scripted/ready'));
      expect([modelReady.status, await modelReady.json()]).toEqual([
        503,
        { name: 'scripted', ready: false },
      ]);
      const metadata = await fetch(v2('/models/scripted'));
      expect([metadata.status, await metadata.json()]).toEqual([
        503,
        { error: expect.stringContaining('switched off') },
      ]);
    } finally {
      model.available = true;
    }
  });

  it('answers 503 with Retry-After while the model is busy, before reading the texts', async () => {
    model.busySeconds = 7;
    const calls = model.calls;
    try {
      const response = await post('/models/scripted/infer', infer(['good', 'bad']));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('7');
      expect(await response.json()).toEqual({ error: expect.stringContaining('busy') });
      // Metadata and health still answer: only new work is refused.
      expect((await fetch(v2('/models/scripted'))).status).toBe(200);
    } finally {
      model.busySeconds = null;
    }
    expect(model.calls).toBe(calls);
    expect((await post('/models/scripted/infer', infer(['good']))).status).toBe(200);
  });

  it('keeps scoring while GraphQL is in maintenance mode', async () => {
    const maintenance = (on: boolean) =>
      fetch(`${server.url}/v1/service-context`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${TEST_OPS_TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ maintenance: on }),
      });
    expect((await maintenance(true)).status).toBe(200);
    try {
      const refused = await graphql(server.url, PredictSentimentDocument, { text: 'good' });
      expect(refused.status).toBe(503);
      const response = await post('/models/scripted/infer', infer(['good']));
      expect(response.status).toBe(200);
      expect((await fetch(v2('/health/ready'))).status).toBe(200);
    } finally {
      await maintenance(false);
    }
  });

  it('serves two inference requests at once', async () => {
    const [a, b] = await Promise.all([
      post('/models/scripted/infer', infer(['good', 'bad'])),
      post('/models/scripted/infer', infer(['bad', 'good'])),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
  });
});

describe('who may call /v2', () => {
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.close();
  });
  const ready = (headers: Record<string, string> = {}) =>
    fetch(`${server?.url}/v2/models/vader-sentiment/ready`, { headers });

  it('is not served in production unless INFERENCE_SERVE_TOKEN is set', async () => {
    server = await startTestServer({ env: { NODE_ENV: 'production' } });
    const response = await ready();
    expect(response.status).toBe(404);
    expect((await fetch(`${server.url}/v2/health/live`)).status).toBe(404);
    await server.close();
    server = undefined;
  });

  it('answers only bearers of INFERENCE_SERVE_TOKEN once it is set, in any mode', async () => {
    const token = 'inference-serve-token-0123';
    server = await startTestServer({
      env: { NODE_ENV: 'production', INFERENCE_SERVE_TOKEN: token },
    });
    for (const refused of [await ready(), await ready({ authorization: 'Bearer wrong-token' })]) {
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="strata-inference"');
      expect(await refused.json()).toEqual({
        error: 'This server needs Authorization: Bearer <INFERENCE_SERVE_TOKEN>.',
      });
    }
    const allowed = await ready({ authorization: `Bearer ${token}` });
    expect([allowed.status, await allowed.json()]).toEqual([
      200,
      { name: 'vader-sentiment', ready: true },
    ]);
  });
});
