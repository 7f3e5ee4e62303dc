/**
 * The official whisper.cpp ggml models: names, download locations and checksums as published by
 * whisper.cpp (`models/README.md`, `models/download-ggml-model.sh` in ggml-org/whisper.cpp).
 * The checksums are SHA-1 because that is what upstream publishes.
 */

/** Where `download-ggml-model.sh` fetches from: `${base}/ggml-<name>.bin`. */
export const WHISPER_MODEL_BASE_URL = 'https://huggingface.co/ggerganov/whisper.cpp/resolve/main';

/** One downloadable model. */
export interface WhisperModelEntry {
  /** Upstream name, e.g. 'base.en' or 'large-v3-turbo-q5_0'. */
  readonly name: string;
  /** File name on the server and on disk, e.g. 'ggml-base.en.bin'. */
  readonly file: string;
  /** Lower-case hex SHA-1 of the whole file. */
  readonly sha1: string;
  /** Disk size as upstream lists it, MiB (approximate: upstream rounds). */
  readonly sizeMiB: number;
  /** False for the English-only `.en` models. */
  readonly multilingual: boolean;
}

/** [name, SHA-1, MiB] from whisper.cpp models/README.md "Available models". */
const UPSTREAM: readonly (readonly [string, string, number])[] = [
  ['tiny', 'bd577a113a864445d4c299885e0cb97d4ba92b5f', 75],
  ['tiny.en', 'c78c86eb1a8faa21b369bcd33207cc90d64ae9df', 75],
  ['base', '465707469ff3a37a2b9b8d8f89f2f99de7299dac', 142],
  ['base.en', '137c40403d78fd54d454da0f9bd998f78703390c', 142],
  ['small', '55356645c2b361a969dfd0ef2c5a50d530afd8d5', 466],
  ['small.en', 'db8a495a91d927739e50b3fc1cc4c6b8f6c2d022', 466],
  ['medium', 'fd9727b6e1217c2f614f9b698455c4ffd82463b4', 1536],
  ['medium.en', '8c30f0e44ce9560643ebd10bbe50cd20eafd3723', 1536],
  ['large-v3', 'ad82bf6a9043ceed055076d0fd39f5f186ff8062', 2970],
  ['large-v3-q5_0', 'e6e2ed78495d403bef4b7cff42ef4aaadcfea8de', 1126],
  ['large-v3-turbo', '4af2b29d7ec73d781377bfd1758ca957a807e941', 1536],
  ['large-v3-turbo-q5_0', 'e050f7970618a659205450ad97eb95a18d69c9ee', 547],
];

/** Every model `postshow models pull` knows, smallest first within each family. */
export const WHISPER_MODELS: readonly WhisperModelEntry[] = UPSTREAM.map(([name, sha1, sizeMiB]) => ({
  name,
  file: modelFileName(name),
  sha1,
  sizeMiB,
  multilingual: !name.includes('.en'),
}));

/**
 * The model used when none is configured: multilingual (English and Chinese shows), 142 MiB,
 * faster than real time on two CPU cores.
 * @default 'base'
 */
export const DEFAULT_WHISPER_MODEL = 'base';

/** The catalog entry of a model name, or undefined. */
export function findWhisperModel(name: string): WhisperModelEntry | undefined {
  return WHISPER_MODELS.find((entry) => entry.name === name);
}

/** The on-disk file name of a model name: 'base.en' -> 'ggml-base.en.bin'. */
export function modelFileName(name: string): string {
  return `ggml-${name}.bin`;
}

/** The download URL of a model, from the official server or a mirror with the same layout. */
export function modelUrl(entry: WhisperModelEntry, baseUrl: string = WHISPER_MODEL_BASE_URL): string {
  return `${baseUrl.replace(/\/+$/, '')}/${entry.file}`;
}
