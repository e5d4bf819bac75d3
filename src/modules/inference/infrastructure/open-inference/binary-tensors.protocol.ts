/**
 * The Open Inference Protocol's binary tensor data extension, as Triton and its clients
 * implement it: an HTTP body is a JSON header followed by raw tensor bytes, the header's
 * length given in `Inference-Header-Content-Length`; each tensor that travels in binary
 * says its size in `parameters.binary_data_size`, in the order of the tensors. BYTES
 * elements are each a 4-byte little-endian length then the bytes; FP64 are 8-byte
 * little-endian floats.
 */

export const BINARY_EXTENSION = 'binary_tensor_data';
export const HEADER_LENGTH = 'inference-header-content-length';

/** Why a binary body cannot be read; the message is for the caller. */
export class BinaryTensorError extends Error {
  override name = 'BinaryTensorError';
}

/** A body split at the header's end: the JSON header, and the tensor bytes after it. */
export function splitBody(
  body: Buffer,
  headerLength: string | undefined,
): { header: string; tensors: Buffer } {
  if (headerLength === undefined) {
    return { header: body.toString('utf8'), tensors: Buffer.alloc(0) };
  }
  if (!/^\d+$/.test(headerLength.trim())) {
    throw new BinaryTensorError('Inference-Header-Content-Length must be a byte count');
  }
  const length = Number(headerLength.trim());
  if (length > body.length) {
    throw new BinaryTensorError(
      `Inference-Header-Content-Length is ${length}, but the body has ${body.length} bytes`,
    );
  }
  return {
    header: body.subarray(0, length).toString('utf8'),
    tensors: body.subarray(length),
  };
}

/** Takes each binary tensor's bytes in turn, checking that they are all used. */
export class TensorReader {
  private offset = 0;

  constructor(private readonly bytes: Buffer) {}

  take(size: number, name: string): Buffer {
    if (!Number.isSafeInteger(size) || size < 0 || this.offset + size > this.bytes.length) {
      throw new BinaryTensorError(
        `tensor "${name}" declares ${size} bytes of binary data, but ${this.bytes.length - this.offset} are left`,
      );
    }
    const chunk = this.bytes.subarray(this.offset, this.offset + size);
    this.offset += size;
    return chunk;
  }

  finish(): void {
    if (this.offset !== this.bytes.length) {
      throw new BinaryTensorError(
        `${this.bytes.length - this.offset} bytes of binary data belong to no input`,
      );
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A BYTES tensor's elements, each read as UTF-8 text. */
export function decodeBytesTensor(bytes: Buffer, name: string): string[] {
  const texts: string[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 4 > bytes.length) {
      throw new BinaryTensorError(`input "${name}" ends inside an element's length`);
    }
    const length = bytes.readUInt32LE(offset);
    offset += 4;
    if (offset + length > bytes.length) {
      throw new BinaryTensorError(`input "${name}" ends inside an element`);
    }
    try {
      texts.push(utf8.decode(bytes.subarray(offset, offset + length)));
    } catch {
      throw new BinaryTensorError(`input "${name}" holds an element that is not UTF-8 text`);
    }
    offset += length;
  }
  return texts;
}

/** A BYTES tensor of texts, in binary. */
export function encodeBytesTensor(texts: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  for (const text of texts) {
    const bytes = Buffer.from(text, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bytes.length);
    parts.push(length, bytes);
  }
  return Buffer.concat(parts);
}

/** An FP64 tensor, in binary. */
export function encodeFp64Tensor(values: readonly number[]): Buffer {
  const bytes = Buffer.alloc(values.length * 8);
  values.forEach((value, index) => {
    bytes.writeDoubleLE(value, index * 8);
  });
  return bytes;
}

/** An FP64 or FP32 tensor's values. */
export function decodeFloatTensor(
  bytes: Buffer,
  datatype: 'FP64' | 'FP32',
  name: string,
): number[] {
  const width = datatype === 'FP64' ? 8 : 4;
  if (bytes.length % width !== 0) {
    throw new BinaryTensorError(`output "${name}" is not a whole number of ${datatype} values`);
  }
  const values: number[] = [];
  for (let offset = 0; offset < bytes.length; offset += width) {
    values.push(width === 8 ? bytes.readDoubleLE(offset) : bytes.readFloatLE(offset));
  }
  return values;
}

interface BinaryOutput {
  name?: unknown;
  datatype?: unknown;
  data?: unknown;
  parameters?: { binary_data_size?: unknown };
}

/**
 * An answer whose outputs came in binary, with each such output's values put back in its
 * `data`, so it reads like an answer in JSON. Outputs without `binary_data_size` stay as
 * they are.
 */
export function withBinaryOutputs(header: unknown, tensors: Buffer): unknown {
  const outputs = (header as { outputs?: unknown } | null)?.outputs;
  if (!Array.isArray(outputs)) {
    return header;
  }
  const reader = new TensorReader(tensors);
  for (const output of outputs as BinaryOutput[]) {
    const size = output.parameters?.binary_data_size;
    if (typeof size !== 'number') {
      continue;
    }
    const name = String(output.name);
    const bytes = reader.take(size, name);
    if (output.datatype === 'BYTES') {
      output.data = decodeBytesTensor(bytes, name);
    } else if (output.datatype === 'FP64' || output.datatype === 'FP32') {
      output.data = decodeFloatTensor(bytes, output.datatype, name);
    } else {
      throw new BinaryTensorError(`output "${name}" is ${String(output.datatype)} in binary`);
    }
  }
  reader.finish();
  return header;
}
