/**
 * Writes a tiny whisper.cpp ggml model with random weights, in the exact layout whisper.cpp's
 * `whisper_model_load` reads (see whisper.cpp `src/whisper.cpp` and `models/convert-pt-to-ggml.py`):
 * magic, 11 int32 hparams, the mel filter bank, the vocab, then every tensor as
 * (n_dims, name length, type, ne[0..n_dims), name, data). It lets tests run the real native
 * loading and inference path without downloading a real model (the network is unavailable here).
 * The text it produces is garbage; the shapes, timings and error handling are real.
 */
import { writeFile } from 'node:fs/promises';
import { mulberry32 } from '../../scripts/prng.js';

/** "ggml", read as a little-endian uint32. */
const GGML_FILE_MAGIC = 0x67676d6c;
/** ggml tensor type ids. */
const GGML_TYPE_F32 = 0;
const GGML_TYPE_F16 = 1;
/**
 * Model ftype 1 (mostly f16), the layout of every official model: the CPU convolution kernels
 * assert f16 weights, so an all-f32 file loads but cannot run.
 */
const FTYPE_MOSTLY_F16 = 1;
/** Tensors the converter keeps in f32 although they are 2-D (see convert-pt-to-ggml.py). */
const ALWAYS_F32 = new Set(['encoder.conv1.bias', 'encoder.conv2.bias', 'encoder.positional_embedding', 'decoder.positional_embedding']);
/** Whisper's mel filter bank: 80 mel bands over the 201 bins of a 400-point FFT at 16 kHz. */
const N_MELS = 80;
const N_FFT_BINS = 201;
/** Real vocabulary sizes: whisper.cpp hard-codes special token ids (eot 50256 ... timestamps), so the size must match. */
const VOCAB_SIZE_ENGLISH = 51864;
const VOCAB_SIZE_MULTILINGUAL = 51865;
/** 1500 encoder positions = one 30 s window (whisper.cpp pads every window to this); 448 decoder positions as in every real model. */
const AUDIO_CONTEXT = 1500;
const TEXT_CONTEXT = 448;

/** Options of {@link writeTinyWhisperModel}. */
export interface TinyWhisperModelOptions {
  /** Multilingual vocabulary (51865) or English-only (51864). @default true */
  readonly multilingual?: boolean;
  /** Width of every layer; a multiple of `heads`. @default 16 */
  readonly state?: number;
  /** @default 2 */
  readonly heads?: number;
  /** @default 1 */
  readonly layers?: number;
  /** Seed of the random weights. @default 1 */
  readonly seed?: number;
}

interface TensorSpec {
  readonly name: string;
  /** ggml order: ne[0] is the fastest-varying dimension (the reverse of the PyTorch shape). */
  readonly ne: readonly number[];
  readonly fill: 'random' | 'ones' | 'zeros';
}

/** Writes the model to `path` and returns its size in bytes. */
export async function writeTinyWhisperModel(path: string, options: TinyWhisperModelOptions = {}): Promise<number> {
  const body = buildTinyWhisperModel(options);
  await writeFile(path, body);
  return body.length;
}

/** The model file's bytes. */
export function buildTinyWhisperModel(options: TinyWhisperModelOptions = {}): Buffer {
  const state = options.state ?? 16;
  const heads = options.heads ?? 2;
  const layers = options.layers ?? 1;
  const nVocab = (options.multilingual ?? true) ? VOCAB_SIZE_MULTILINGUAL : VOCAB_SIZE_ENGLISH;
  const random = mulberry32(options.seed ?? 1);
  const parts: Buffer[] = [];

  const hparams = [nVocab, AUDIO_CONTEXT, state, heads, layers, TEXT_CONTEXT, state, heads, layers, N_MELS, FTYPE_MOSTLY_F16];
  parts.push(int32s([GGML_FILE_MAGIC, ...hparams]));

  parts.push(int32s([N_MELS, N_FFT_BINS]), float32s(melFilters()));

  // Only 256 ASCII tokens are written (whisper.cpp names the missing ids itself, "adding extra tokens").
  // The decoder looks up the token " " by text (suppress_blank) and throws when it is missing.
  const vocab = Array.from({ length: 256 }, (_, index) => Buffer.from(index >= 32 && index <= 126 ? String.fromCharCode(index) : ` w${index}`));
  parts.push(int32s([vocab.length]));
  for (const token of vocab) parts.push(int32s([token.length]), token);

  for (const tensor of tensorSpecs(state, layers, nVocab)) {
    const name = Buffer.from(tensor.name);
    const half = tensor.ne.length >= 2 && !ALWAYS_F32.has(tensor.name);
    parts.push(int32s([tensor.ne.length, name.length, half ? GGML_TYPE_F16 : GGML_TYPE_F32, ...tensor.ne]), name);
    const count = tensor.ne.reduce((a, b) => a * b, 1);
    const values = new Float32Array(count);
    // Small weights keep the random activations finite through layer norms and softmaxes.
    if (tensor.fill === 'random') for (let i = 0; i < count; i++) values[i] = (random() - 0.5) * 0.2;
    else if (tensor.fill === 'ones') values.fill(1);
    parts.push(half ? float16s(values) : float32s(values));
  }
  return Buffer.concat(parts);
}

/** Every tensor whisper.cpp expects, with the shapes its loader checks. */
function tensorSpecs(state: number, layers: number, nVocab: number): TensorSpec[] {
  const specs: TensorSpec[] = [
    { name: 'encoder.positional_embedding', ne: [state, AUDIO_CONTEXT], fill: 'random' },
    { name: 'encoder.conv1.weight', ne: [3, N_MELS, state], fill: 'random' },
    { name: 'encoder.conv1.bias', ne: [1, state], fill: 'zeros' },
    { name: 'encoder.conv2.weight', ne: [3, state, state], fill: 'random' },
    { name: 'encoder.conv2.bias', ne: [1, state], fill: 'zeros' },
    { name: 'encoder.ln_post.weight', ne: [state], fill: 'ones' },
    { name: 'encoder.ln_post.bias', ne: [state], fill: 'zeros' },
    { name: 'decoder.positional_embedding', ne: [state, TEXT_CONTEXT], fill: 'random' },
    { name: 'decoder.token_embedding.weight', ne: [state, nVocab], fill: 'random' },
    { name: 'decoder.ln.weight', ne: [state], fill: 'ones' },
    { name: 'decoder.ln.bias', ne: [state], fill: 'zeros' },
  ];
  const block = (prefix: string, attentions: readonly string[]): TensorSpec[] => [
    { name: `${prefix}.mlp_ln.weight`, ne: [state], fill: 'ones' },
    { name: `${prefix}.mlp_ln.bias`, ne: [state], fill: 'zeros' },
    { name: `${prefix}.mlp.0.weight`, ne: [state, 4 * state], fill: 'random' },
    { name: `${prefix}.mlp.0.bias`, ne: [4 * state], fill: 'zeros' },
    { name: `${prefix}.mlp.2.weight`, ne: [4 * state, state], fill: 'random' },
    { name: `${prefix}.mlp.2.bias`, ne: [state], fill: 'zeros' },
    ...attentions.flatMap((attention): TensorSpec[] => [
      { name: `${prefix}.${attention}_ln.weight`, ne: [state], fill: 'ones' },
      { name: `${prefix}.${attention}_ln.bias`, ne: [state], fill: 'zeros' },
      { name: `${prefix}.${attention}.query.weight`, ne: [state, state], fill: 'random' },
      { name: `${prefix}.${attention}.query.bias`, ne: [state], fill: 'zeros' },
      // Whisper's key projections have no bias.
      { name: `${prefix}.${attention}.key.weight`, ne: [state, state], fill: 'random' },
      { name: `${prefix}.${attention}.value.weight`, ne: [state, state], fill: 'random' },
      { name: `${prefix}.${attention}.value.bias`, ne: [state], fill: 'zeros' },
      { name: `${prefix}.${attention}.out.weight`, ne: [state, state], fill: 'random' },
      { name: `${prefix}.${attention}.out.bias`, ne: [state], fill: 'zeros' },
    ]),
  ];
  for (let layer = 0; layer < layers; layer++) specs.push(...block(`encoder.blocks.${layer}`, ['attn']));
  for (let layer = 0; layer < layers; layer++) specs.push(...block(`decoder.blocks.${layer}`, ['attn', 'cross_attn']));
  return specs;
}

/** Triangular filters evenly spaced on the mel scale (HTK formula), row-major [mel][fft bin]. */
function melFilters(): Float32Array {
  const toMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
  const toHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);
  const maxMel = toMel(8000);
  const edges = Array.from({ length: N_MELS + 2 }, (_, i) => toHz((maxMel * i) / (N_MELS + 1)));
  const filters = new Float32Array(N_MELS * N_FFT_BINS);
  for (let mel = 0; mel < N_MELS; mel++) {
    const [left, centre, right] = [edges[mel] ?? 0, edges[mel + 1] ?? 0, edges[mel + 2] ?? 0];
    for (let bin = 0; bin < N_FFT_BINS; bin++) {
      const hz = (bin * 8000) / (N_FFT_BINS - 1);
      const weight = hz < left || hz > right ? 0 : hz <= centre ? (hz - left) / (centre - left) : (right - hz) / (right - centre);
      filters[mel * N_FFT_BINS + bin] = weight;
    }
  }
  return filters;
}

function int32s(values: readonly number[]): Buffer {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((value, index) => buffer.writeUInt32LE(value >>> 0, index * 4));
  return buffer;
}

function float32s(values: Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** IEEE 754 half precision, round-to-nearest; enough for the small finite values written here. */
function float16s(values: Float32Array): Buffer {
  const buffer = Buffer.alloc(values.length * 2);
  const scratch = new DataView(new ArrayBuffer(4));
  values.forEach((value, index) => {
    scratch.setFloat32(0, value);
    const bits = scratch.getUint32(0);
    const sign = (bits >>> 16) & 0x8000;
    const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
    const mantissa = bits & 0x7fffff;
    let half: number;
    if (exponent <= 0) half = sign; // underflow to signed zero: weights this small do not matter here
    else if (exponent >= 0x1f) half = sign | 0x7c00;
    else half = sign | (exponent << 10) | Math.round(mantissa / 0x2000);
    buffer.writeUInt16LE(Math.min(half, sign | 0x7bff), index * 2);
  });
  return buffer;
}
