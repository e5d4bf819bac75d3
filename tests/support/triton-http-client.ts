/**
 * The Triton HTTP client (`tritonclient.http`, Python), as it talks to a server, for tests
 * where the real one cannot run (no PyPI here). Each request is built as its
 * `_get_inference_request` builds it and each answer read as its `InferResult` reads it:
 * no Content-Type header; inputs and outputs in binary by default (`binary_data=True`);
 * when no outputs are named, `parameters.binary_data_output: true`; a binary body is the
 * JSON header then each binary input's bytes, its length in `Inference-Header-Content-Length`;
 * the answer's binary outputs are sliced off the bytes after its JSON header in order of
 * `binary_data_size`; any status but 200 is an error carrying the body's `error`.
 */

export interface InferInput {
  readonly name: string;
  readonly shape: number[];
  readonly datatype: 'BYTES';
  readonly texts: string[];
  /** `set_data_from_numpy(..., binary_data=True)`, the default. */
  readonly binaryData?: boolean;
}

export interface RequestedOutput {
  readonly name: string;
  /** `InferRequestedOutput(name, binary_data=True)`, the default. */
  readonly binaryData?: boolean;
}

class InferenceServerException extends Error {
  constructor(
    message: string,
    readonly status: string,
  ) {
    super(message);
  }
}

/** `serialize_byte_tensor`: each element as a 4-byte little-endian length, then its bytes. */
function serializeByteTensor(texts: readonly string[]): Buffer {
  return Buffer.concat(
    texts.flatMap((text) => {
      const bytes = Buffer.from(text, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32LE(bytes.length);
      return [length, bytes];
    }),
  );
}

/** `deserialize_bytes_tensor`. */
function deserializeBytesTensor(bytes: Buffer): string[] {
  const out: string[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const length = bytes.readUInt32LE(offset);
    offset += 4;
    out.push(bytes.subarray(offset, offset + length).toString('utf8'));
    offset += length;
  }
  return out;
}

interface OutputHeader {
  name: string;
  datatype: string;
  shape: number[];
  data?: unknown[];
  parameters?: { binary_data_size?: number };
}

export class InferResult {
  private readonly offsets = new Map<string, number>();

  constructor(
    readonly response: Record<string, unknown> & { outputs: OutputHeader[] },
    private readonly buffer: Buffer,
  ) {
    let index = 0;
    for (const output of response.outputs) {
      const size = output.parameters?.binary_data_size;
      if (size !== undefined) {
        this.offsets.set(output.name, index);
        index += size;
      }
    }
  }

  get_response() {
    return this.response;
  }

  /** `as_numpy(name)`, flattened: texts for BYTES, numbers for FP64/FP32. */
  as_numpy(name: string): unknown[] | null {
    const output = this.response.outputs.find((candidate) => candidate.name === name);
    if (!output) {
      return null;
    }
    const start = this.offsets.get(name);
    if (start === undefined) {
      return output.data ?? null;
    }
    const bytes = this.buffer.subarray(start, start + (output.parameters?.binary_data_size ?? 0));
    if (output.datatype === 'BYTES') {
      return deserializeBytesTensor(bytes);
    }
    const width = output.datatype === 'FP64' ? 8 : 4;
    return Array.from({ length: bytes.length / width }, (_, i) =>
      width === 8 ? bytes.readDoubleLE(i * 8) : bytes.readFloatLE(i * 4),
    );
  }
}

/** `tritonclient.http.InferenceServerClient`, the calls tests need. */
export class TritonHttpClient {
  constructor(
    private readonly url: string,
    private readonly headers: Record<string, string> = {},
  ) {}

  async get_server_metadata(): Promise<Record<string, unknown>> {
    return this.getJson('/v2');
  }

  async get_model_metadata(model: string): Promise<Record<string, unknown>> {
    return this.getJson(`/v2/models/${encodeURIComponent(model)}`);
  }

  async is_server_ready(): Promise<boolean> {
    return (await fetch(`${this.url}/v2/health/ready`, { headers: this.headers })).status === 200;
  }

  async infer(
    model: string,
    inputs: readonly InferInput[],
    options: { outputs?: readonly RequestedOutput[]; request_id?: string } = {},
  ): Promise<InferResult> {
    const request: Record<string, unknown> = {};
    const parameters: Record<string, unknown> = {};
    if (options.request_id) {
      request.id = options.request_id;
    }
    const binaries: Buffer[] = [];
    request.inputs = inputs.map((input) => {
      const tensor: Record<string, unknown> = {
        name: input.name,
        shape: input.shape,
        datatype: input.datatype,
      };
      if (input.binaryData ?? true) {
        const bytes = serializeByteTensor(input.texts);
        binaries.push(bytes);
        tensor.parameters = { binary_data_size: bytes.length };
      } else {
        tensor.data = input.texts;
      }
      return tensor;
    });
    if (options.outputs?.length) {
      request.outputs = options.outputs.map((output) => ({
        name: output.name,
        parameters: { binary_data: output.binaryData ?? true },
      }));
    } else {
      parameters.binary_data_output = true;
    }
    if (Object.keys(parameters).length > 0) {
      request.parameters = parameters;
    }
    const json = Buffer.from(JSON.stringify(request));
    const headers: Record<string, string> = { ...this.headers };
    if (binaries.length > 0) {
      headers['Inference-Header-Content-Length'] = String(json.length);
    }
    // A Uint8Array body: fetch adds no Content-Type, as geventhttpclient does not.
    const body = new Uint8Array(Buffer.concat([json, ...binaries]));
    const response = await fetch(`${this.url}/v2/models/${encodeURIComponent(model)}/infer`, {
      method: 'POST',
      headers,
      body,
    });
    const raw = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) {
      throw errorOf(raw, response.status);
    }
    const headerLength = response.headers.get('inference-header-content-length');
    if (headerLength === null) {
      return new InferResult(JSON.parse(raw.toString('utf8')), Buffer.alloc(0));
    }
    const length = Number(headerLength);
    return new InferResult(
      JSON.parse(raw.subarray(0, length).toString('utf8')),
      raw.subarray(length),
    );
  }

  private async getJson(path: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.url}${path}`, { headers: this.headers });
    const raw = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) {
      throw errorOf(raw, response.status);
    }
    return JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  }
}

/** `_get_error`: the body's `error`, or a note that the body was empty. */
function errorOf(raw: Buffer, status: number): InferenceServerException {
  const text = raw.toString('utf8');
  const body = text.length
    ? (JSON.parse(text) as { error: string })
    : { error: 'client received an empty response from the server.' };
  return new InferenceServerException(body.error, String(status));
}
