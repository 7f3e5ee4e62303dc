/**
 * Reads the structure of a whisper.cpp ggml model file without loading its weights: header,
 * mel filters, vocab and every tensor header, skipping the tensor data. whisper.cpp itself accepts
 * some broken files (a file cut before its first tensor loads as an "empty model for testing" and
 * then transcribes garbage), so the transcriber checks the file here first and reports a clear reason.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { PostshowError } from '../../core/errors.js';

/** "ggml" as a little-endian uint32 (GGML_FILE_MAGIC). */
const GGML_FILE_MAGIC = 0x67676d6c;
/** whisper.cpp: vocabularies of this size or more are multilingual. */
const MULTILINGUAL_VOCAB = 51865;
/** Bounds that no real model exceeds; beyond them the bytes are not a whisper model. */
const MAX_DIMENSION = 1 << 20;
const MAX_TOKEN_BYTES = 1 << 16;
const MAX_NAME_BYTES = 256;

/** ggml tensor types whisper models use: [bytes per block, values per block]. */
const TYPE_BLOCKS: Readonly<Record<number, readonly [number, number]>> = {
  0: [4, 1], // f32
  1: [2, 1], // f16
  2: [18, 32], // q4_0
  3: [20, 32], // q4_1
  6: [22, 32], // q5_0
  7: [24, 32], // q5_1
  8: [34, 32], // q8_0
  10: [84, 256], // q2_K
  11: [110, 256], // q3_K
  12: [144, 256], // q4_K
  13: [176, 256], // q5_K
  14: [210, 256], // q6_K
};

/** What the file says about itself. */
export interface WhisperModelFileInfo {
  readonly nVocab: number;
  readonly audioLayers: number;
  readonly textLayers: number;
  readonly state: number;
  readonly mels: number;
  readonly multilingual: boolean;
  readonly tensors: number;
  readonly sizeBytes: number;
}

/** The file is not a loadable whisper.cpp model; permanent (retrying cannot fix the file), the message says why. */
export class WhisperModelFileError extends PostshowError {
  constructor(path: string, reason: string) {
    super(`whisper model ${path} is unusable: ${reason}`, { permanent: true });
    this.name = 'WhisperModelFileError';
  }
}

/** Only the first bytes: magic and vocabulary size (multilingual or English-only). Undefined when missing or not a ggml file. */
export function readWhisperModelHeader(path: string): { nVocab: number; multilingual: boolean } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(8);
    if (readSync(fd, buffer, 0, 8, 0) < 8 || buffer.readUInt32LE(0) !== GGML_FILE_MAGIC) return undefined;
    const nVocab = buffer.readInt32LE(4);
    return { nVocab, multilingual: nVocab >= MULTILINGUAL_VOCAB };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Walks the whole file structure; throws {@link WhisperModelFileError} with the first problem found. */
export async function inspectWhisperModelFile(path: string): Promise<WhisperModelFileInfo> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw new WhisperModelFileError(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(error));
  }
  try {
    const sizeBytes = (await file.stat()).size;
    if (sizeBytes === 0) throw new WhisperModelFileError(path, 'empty file');
    const reader = new Reader(file, path, sizeBytes);
    if ((await reader.uint32('magic')) !== GGML_FILE_MAGIC) throw new WhisperModelFileError(path, 'not a ggml model (bad magic)');
    const h = await reader.int32s(11, 'hyperparameters');
    const [nVocab = 0, , audioState = 0, audioHeads = 0, audioLayers = 0, , textState = 0, , textLayers = 0, mels = 0] = h;
    if (h.some((value) => value < 0 || value > MAX_DIMENSION) || !audioHeads || !audioState || audioState !== textState || audioState % audioHeads !== 0) {
      throw new WhisperModelFileError(path, `implausible hyperparameters ${JSON.stringify(h)}`);
    }
    const [filterMels, filterBins] = await reader.int32s(2, 'mel filter header');
    if (!filterMels || !filterBins || filterMels > MAX_DIMENSION || filterBins > MAX_DIMENSION) throw new WhisperModelFileError(path, 'implausible mel filter bank');
    reader.skip(filterMels * filterBins * 4, 'mel filters');
    const [vocabEntries] = await reader.int32s(1, 'vocab size');
    if (vocabEntries === undefined || vocabEntries < 0 || vocabEntries > MAX_DIMENSION) throw new WhisperModelFileError(path, `implausible vocab size ${vocabEntries}`);
    await reader.skipVocab(vocabEntries);

    // Encoder: 7 fixed + 15 per block; decoder: 4 fixed + 24 per block (whisper_model_load).
    const expected = 11 + 15 * audioLayers + 24 * textLayers;
    let tensors = 0;
    while (reader.offset < sizeBytes) {
      const [dims, nameLength, type] = await reader.int32s(3, `tensor ${tensors} header`);
      if (dims === undefined || dims < 1 || dims > 4 || !nameLength || nameLength > MAX_NAME_BYTES) {
        throw new WhisperModelFileError(path, `corrupt tensor header #${tensors} at byte ${reader.offset - 12}`);
      }
      const shape = await reader.int32s(dims, 'tensor shape');
      const name = (await reader.bytes(nameLength, 'tensor name')).toString('utf8');
      const block = TYPE_BLOCKS[type ?? -1];
      if (!block) throw new WhisperModelFileError(path, `tensor ${name} has unsupported type ${type}`);
      const values = shape.reduce((a, b) => a * b, 1);
      reader.skip(Math.ceil(values / block[1]) * block[0], `tensor ${name}`);
      tensors += 1;
    }
    if (tensors !== expected) throw new WhisperModelFileError(path, `${tensors} tensors, expected ${expected} (truncated or incomplete download)`);
    return {
      nVocab,
      audioLayers,
      textLayers,
      state: audioState,
      mels,
      multilingual: nVocab >= MULTILINGUAL_VOCAB,
      tensors,
      sizeBytes,
    };
  } finally {
    await file.close();
  }
}

/** Sequential reads with bounds checks against the file size. */
class Reader {
  offset = 0;

  constructor(
    private readonly file: FileHandle,
    private readonly path: string,
    private readonly size: number,
  ) {}

  async bytes(length: number, what: string): Promise<Buffer> {
    this.ensure(length, what);
    const { buffer } = await this.file.read(Buffer.alloc(length), 0, length, this.offset);
    this.offset += length;
    return buffer;
  }

  async uint32(what: string): Promise<number> {
    return (await this.bytes(4, what)).readUInt32LE(0);
  }

  async int32s(count: number, what: string): Promise<number[]> {
    const buffer = await this.bytes(count * 4, what);
    return Array.from({ length: count }, (_, index) => buffer.readInt32LE(index * 4));
  }

  skip(length: number, what: string): void {
    this.ensure(length, what);
    this.offset += length;
  }

  /** Vocab entries are (uint32 length, bytes); read in slabs so a 51k-token vocab is a few reads, not 51k. */
  async skipVocab(entries: number): Promise<void> {
    const slabSize = 1 << 20;
    let slab = Buffer.alloc(0);
    let slabStart = this.offset;
    const at = async (position: number, length: number): Promise<Buffer> => {
      if (position < slabStart || position + length > slabStart + slab.length) {
        slabStart = position;
        const size = Math.min(Math.max(slabSize, length), this.size - position);
        ({ buffer: slab } = await this.file.read(Buffer.alloc(size), 0, size, position));
      }
      return slab.subarray(position - slabStart, position - slabStart + length);
    };
    for (let index = 0; index < entries; index++) {
      this.ensure(4, `vocab entry ${index}`);
      const length = (await at(this.offset, 4)).readUInt32LE(0);
      if (length > MAX_TOKEN_BYTES) throw new WhisperModelFileError(this.path, `corrupt vocab entry ${index}`);
      this.offset += 4;
      this.skip(length, `vocab entry ${index}`);
    }
  }

  private ensure(length: number, what: string): void {
    if (this.offset + length > this.size) {
      throw new WhisperModelFileError(this.path, `file ends inside ${what} (byte ${this.offset} + ${length} > ${this.size}): truncated or incomplete download`);
    }
  }
}
