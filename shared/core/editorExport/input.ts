/**
 * What an editor export is made from: the recording (where it is, its frame size, rate and audio) and
 * the clips to lay out, each a window of the recording or, once trimmed, its kept spans played back to
 * back. Validated here because it arrives from outside (catalog, CLI flags, the HTTP API).
 */
import { z } from 'zod';
import { InputError } from '../errors.js';

const seconds = z.number().finite().nonnegative();

const spanSchema = z
  .object({ start: seconds, end: seconds })
  .readonly()
  .refine((span) => span.start < span.end, { message: 'start must be before end' });

const frameRateSchema = z
  .object({ num: z.number().int().positive(), den: z.number().int().positive() })
  .readonly();

export const editorRecordingSchema = z
  .object({
    /** Display name of the recording (the asset and clip name editors show), e.g. `show.mp4`. */
    name: z.string().min(1),
    /** Absolute path or `file://` URL of the recording as the editor's machine sees it. */
    path: z
      .string()
      .min(1)
      .refine((path) => path.startsWith('file://') || path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path), {
        message: 'must be an absolute path or a file:// URL (editors do not resolve relative paths)',
      }),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** The video's frame rate, exact: 30000/1001, not 29.97. */
    fps: frameRateSchema,
    durationSeconds: z.number().finite().positive(),
    hasAudio: z.boolean(),
    /** Audio sample rate in Hz. @default 48000 */
    audioRate: z.number().int().positive().optional(),
    /** Audio channels: 1 is mono, 2 or more stereo. @default 2 */
    audioChannels: z.number().int().positive().optional(),
  })
  .readonly();

export const editorClipSchema = z
  .object({
    id: z.string().min(1),
    title: z.string(),
    /** The clip's window in the recording, seconds. */
    start: seconds,
    end: seconds,
    /** A trimmed clip's kept spans (source seconds, ascending, disjoint, inside the window). */
    kept: z.array(spanSchema).min(1).readonly().optional(),
  })
  .readonly();

export const editorExportInputSchema = z
  .object({
    recording: editorRecordingSchema,
    clips: z.array(editorClipSchema).min(1).readonly(),
  })
  .readonly()
  .superRefine((input, context) => {
    const duration = input.recording.durationSeconds;
    input.clips.forEach((clip, index) => {
      const at = ['clips', index];
      if (!(clip.start < clip.end)) context.addIssue({ code: 'custom', path: at, message: `clip "${clip.id}" starts at ${clip.start} s, not before its end ${clip.end} s` });
      if (clip.end > duration) context.addIssue({ code: 'custom', path: [...at, 'end'], message: `clip "${clip.id}" ends at ${clip.end} s, past the recording's end (${duration} s)` });
      clip.kept?.forEach((span, spanIndex) => {
        if (span.start < clip.start || span.end > clip.end) {
          context.addIssue({ code: 'custom', path: [...at, 'kept', spanIndex], message: `kept span ${span.start}-${span.end} s is outside clip "${clip.id}" (${clip.start}-${clip.end} s)` });
        }
        const previous = clip.kept?.[spanIndex - 1];
        if (previous && span.start < previous.end) {
          context.addIssue({ code: 'custom', path: [...at, 'kept', spanIndex], message: `kept spans of clip "${clip.id}" must be ascending and disjoint (${span.start} s starts before ${previous.end} s)` });
        }
      });
    });
  });

export type EditorRecording = z.infer<typeof editorRecordingSchema>;
export type EditorClip = z.infer<typeof editorClipSchema>;
export type EditorExportInput = z.infer<typeof editorExportInputSchema>;

/**
 * The input, validated.
 * @throws InputError naming every problem by path, e.g. `clips.1.end: clip "b" ends at 12 s, past the recording's end (10 s)`.
 */
export function parseEditorExportInput(value: unknown): EditorExportInput {
  const parsed = editorExportInputSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`);
  throw new InputError(`invalid editor export input: ${problems.join('; ')}`, { cause: parsed.error });
}
