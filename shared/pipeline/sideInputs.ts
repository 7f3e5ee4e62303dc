/**
 * Names of the files a caller leaves beside a recording under `recordings/{showId}/`.
 * The CLI writes them; in the cloud users upload them before the recording (whose upload starts the run).
 */
export const JOB_FILE = 'job.json';
export const RECORDING_BASENAME = 'recording';

export type SideInputKind = 'chat' | 'metrics' | 'captions' | 'products' | 'rules';

const SIDE_INPUT_PATTERNS: Readonly<Record<SideInputKind, RegExp>> = {
  chat: /^chat\.(jsonl|json|xml|txt|log|csv)$/,
  metrics: /^metrics\.csv$/,
  captions: /^captions\.(srt|vtt)$/,
  products: /^products\.json$/,
  rules: /^rules\.json$/,
};

/** Which side input a file name under the recording prefix is, if any. */
export function sideInputKind(fileName: string): SideInputKind | undefined {
  return (Object.keys(SIDE_INPUT_PATTERNS) as SideInputKind[]).find((kind) => SIDE_INPUT_PATTERNS[kind].test(fileName));
}

/** The file name a side input is stored under, keeping a safe extension of the original. */
export function sideInputFileName(kind: SideInputKind, originalName: string): string {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(originalName)?.[1]?.toLowerCase();
  const fallback = { chat: 'jsonl', metrics: 'csv', captions: 'srt', products: 'json', rules: 'json' }[kind];
  const candidate = `${kind}.${extension ?? fallback}`;
  return SIDE_INPUT_PATTERNS[kind].test(candidate) ? candidate : `${kind}.${fallback}`;
}

/** The key name of a recording: `recording.<ext>` with a safe lowercase extension. */
export function recordingFileName(originalName: string): string {
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(originalName)?.[1]?.toLowerCase();
  return extension ? `${RECORDING_BASENAME}.${extension}` : RECORDING_BASENAME;
}
