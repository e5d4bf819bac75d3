import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** A span as a collector receives it, flattened: ids in hex, attributes as plain values. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** Empty for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  /** The resource's `service.name`. */
  readonly service: string;
  readonly scope: string;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** OTLP's StatusCode: 0 unset, 1 ok, 2 error. */
  readonly status: { readonly code: number; readonly message: string };
  readonly startNs: bigint;
  readonly endNs: bigint;
}

export const SpanKinds = { internal: 1, server: 2, client: 3 } as const;

/**
 * An OTLP/HTTP trace receiver, in process, as an OpenTelemetry Collector's `otlp` receiver
 * answers on port 4318: `POST /v1/traces` with an ExportTraceServiceRequest in protobuf
 * (`application/x-protobuf`, the SDK's default) or JSON (`application/json`), gzipped when
 * the exporter compresses; an empty ExportTraceServiceResponse in the same encoding; 415
 * for another content type, 404 for another path. The protobuf is read with a decoder of
 * the OTLP messages written here from opentelemetry-proto's trace.proto, common.proto and
 * resource.proto (field numbers and wire types), not with the SDK's own code.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  /** Requests received, by content type (tests check which protocol the exporter used). */
  readonly requests: { contentType: string; encoding: string | undefined }[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<OtlpReceiver> {
    let receiver: OtlpReceiver | null = null;
    const server = createServer((request, response) => {
      receiver?.receive(request).then(
        ({ status, type, body }) => {
          response.writeHead(status, { 'content-type': type }).end(body);
        },
        (error: unknown) => {
          response
            .writeHead(400, { 'content-type': 'text/plain' })
            .end(error instanceof Error ? error.message : String(error));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    receiver = new OtlpReceiver(server, `http://127.0.0.1:${port}`);
    return receiver;
  }

  /** The spans of one trace. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  /** Resolves once `done` holds for the spans received, or fails after `timeoutMs`. */
  async waitFor(done: (spans: readonly ReceivedSpan[]) => boolean, timeoutMs = 10_000) {
    const until = Date.now() + timeoutMs;
    while (!done(this.spans)) {
      if (Date.now() > until) {
        throw new Error(
          `The spans awaited did not arrive within ${timeoutMs} ms; received: ${this.spans
            .map((span) => `${span.service}:${span.name}`)
            .join(', ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The server span of the request Strata answered with `x-request-id: requestId`, once received. */
  async requestSpan(requestId: string | null): Promise<ReceivedSpan> {
    const find = (spans: readonly ReceivedSpan[]) =>
      spans.find((span) => span.attributes['strata.request_id'] === requestId);
    await this.waitFor((spans) => find(spans) !== undefined);
    return find(this.spans) as ReceivedSpan;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async receive(
    request: IncomingMessage,
  ): Promise<{ status: number; type: string; body: string | Buffer }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
      chunks.push(chunk as Buffer);
    }
    if (request.method !== 'POST' || request.url !== '/v1/traces') {
      return { status: 404, type: 'text/plain', body: '404 page not found' };
    }
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    const encoding = request.headers['content-encoding'];
    this.requests.push({ contentType, encoding });
    let body = Buffer.concat(chunks);
    if (encoding === 'gzip') {
      body = gunzipSync(body);
    }
    if (contentType === 'application/x-protobuf') {
      this.spans.push(...decodeProtobufRequest(body));
      return { status: 200, type: 'application/x-protobuf', body: Buffer.alloc(0) };
    }
    if (contentType === 'application/json') {
      this.spans.push(...decodeJsonRequest(JSON.parse(body.toString('utf8'))));
      return { status: 200, type: 'application/json', body: '{}' };
    }
    return { status: 415, type: 'text/plain', body: `unsupported content type ${contentType}` };
  }
}

// --- OTLP/JSON -------------------------------------------------------------------------

interface JsonAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: JsonAnyValue[] };
}
interface JsonKeyValue {
  key: string;
  value?: JsonAnyValue;
}

function jsonValue(value: JsonAnyValue | undefined): unknown {
  if (!value) {
    return null;
  }
  if (value.stringValue !== undefined) {
    return value.stringValue;
  }
  if (value.boolValue !== undefined) {
    return value.boolValue;
  }
  if (value.intValue !== undefined) {
    return Number(value.intValue);
  }
  if (value.doubleValue !== undefined) {
    return value.doubleValue;
  }
  if (value.arrayValue) {
    return (value.arrayValue.values ?? []).map(jsonValue);
  }
  return null;
}

const jsonAttributes = (list: JsonKeyValue[] | undefined) =>
  Object.fromEntries((list ?? []).map(({ key, value }) => [key, jsonValue(value)]));

function decodeJsonRequest(request: {
  resourceSpans?: {
    resource?: { attributes?: JsonKeyValue[] };
    scopeSpans?: {
      scope?: { name?: string };
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind?: number;
        startTimeUnixNano: string | number;
        endTimeUnixNano: string | number;
        attributes?: JsonKeyValue[];
        status?: { code?: number; message?: string };
      }[];
    }[];
  }[];
}): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of request.resourceSpans ?? []) {
    const service = String(jsonAttributes(resourceSpans.resource?.attributes)['service.name']);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        spans.push({
          traceId: span.traceId.toLowerCase(),
          spanId: span.spanId.toLowerCase(),
          parentSpanId: (span.parentSpanId ?? '').toLowerCase(),
          name: span.name,
          kind: span.kind ?? 0,
          service,
          scope: scopeSpans.scope?.name ?? '',
          attributes: jsonAttributes(span.attributes),
          status: { code: span.status?.code ?? 0, message: span.status?.message ?? '' },
          startNs: BigInt(span.startTimeUnixNano),
          endNs: BigInt(span.endTimeUnixNano),
        });
      }
    }
  }
  return spans;
}

// --- OTLP/protobuf ---------------------------------------------------------------------

/** A protobuf message's fields: number → the raw values in order of appearance. */
type Fields = Map<number, (bigint | Buffer)[]>;

function readVarint(buffer: Buffer, at: { pos: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (at.pos >= buffer.length) {
      throw new Error('truncated varint');
    }
    const byte = buffer[at.pos++] as number;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) {
      return result;
    }
    shift += 7n;
  }
}

function fields(buffer: Buffer): Fields {
  const found: Fields = new Map();
  const at = { pos: 0 };
  while (at.pos < buffer.length) {
    const tag = Number(readVarint(buffer, at));
    const number = tag >>> 3;
    const wireType = tag & 7;
    let value: bigint | Buffer;
    if (wireType === 0) {
      value = readVarint(buffer, at);
    } else if (wireType === 1) {
      value = buffer.subarray(at.pos, at.pos + 8);
      at.pos += 8;
    } else if (wireType === 2) {
      const length = Number(readVarint(buffer, at));
      value = buffer.subarray(at.pos, at.pos + length);
      at.pos += length;
    } else if (wireType === 5) {
      value = buffer.subarray(at.pos, at.pos + 4);
      at.pos += 4;
    } else {
      throw new Error(`unsupported wire type ${wireType}`);
    }
    if (at.pos > buffer.length) {
      throw new Error('truncated message');
    }
    const list = found.get(number) ?? [];
    list.push(value);
    found.set(number, list);
  }
  return found;
}

const messages = (f: Fields, n: number) => (f.get(n) ?? []) as Buffer[];
const message = (f: Fields, n: number) => messages(f, n)[0] ?? Buffer.alloc(0);
const text = (f: Fields, n: number) => message(f, n).toString('utf8');
const hex = (f: Fields, n: number) => message(f, n).toString('hex');
const varint = (f: Fields, n: number) => (f.get(n)?.[0] as bigint | undefined) ?? 0n;
const fixed64 = (f: Fields, n: number) => message(f, n).readBigUInt64LE(0);

/** AnyValue: string 1, bool 2, int64 3, double 4, ArrayValue 5 (its `values` are field 1). */
function anyValue(buffer: Buffer): unknown {
  const f = fields(buffer);
  if (f.has(1)) {
    return text(f, 1);
  }
  if (f.has(2)) {
    return varint(f, 2) === 1n;
  }
  if (f.has(3)) {
    return Number(BigInt.asIntN(64, varint(f, 3)));
  }
  if (f.has(4)) {
    return message(f, 4).readDoubleLE(0);
  }
  if (f.has(5)) {
    return messages(fields(message(f, 5)), 1).map(anyValue);
  }
  return null;
}

/** KeyValue: key 1, value 2. */
const attributes = (list: Buffer[]) =>
  Object.fromEntries(
    list.map((keyValue) => {
      const f = fields(keyValue);
      return [text(f, 1), anyValue(message(f, 2))];
    }),
  );

/**
 * ExportTraceServiceRequest: resource_spans 1. ResourceSpans: resource 1 (attributes 1),
 * scope_spans 2. ScopeSpans: scope 1 (name 1), spans 2. Span: trace_id 1, span_id 2,
 * parent_span_id 4, name 5, kind 6, start 7 and end 8 (fixed64 ns), attributes 9, status 15
 * (message 2, code 3).
 */
function decodeProtobufRequest(body: Buffer): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of messages(fields(body), 1)) {
    const rs = fields(resourceSpans);
    const resource = attributes(messages(fields(message(rs, 1)), 1));
    for (const scopeSpans of messages(rs, 2)) {
      const ss = fields(scopeSpans);
      const scope = text(fields(message(ss, 1)), 1);
      for (const spanBytes of messages(ss, 2)) {
        const s = fields(spanBytes);
        const status = fields(message(s, 15));
        spans.push({
          traceId: hex(s, 1),
          spanId: hex(s, 2),
          parentSpanId: hex(s, 4),
          name: text(s, 5),
          kind: Number(varint(s, 6)),
          service: String(resource['service.name']),
          scope,
          attributes: attributes(messages(s, 9)),
          status: { code: Number(varint(status, 3)), message: text(status, 2) },
          startNs: fixed64(s, 7),
          endNs: fixed64(s, 8),
        });
      }
    }
  }
  return spans;
}
