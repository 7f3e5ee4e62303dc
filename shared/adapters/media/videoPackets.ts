/**
 * The recording's video packets around a clip's kept spans, as the smart cut needs them (smartCut.ts):
 * presentation and decode times and keyframe flags, read by ffprobe without decoding anything, plus
 * whether the stream can be stream-copied next to x264's pieces at all.
 */
import { z } from 'zod';
import type { VideoPacket } from '../../core/clips/smartCut.js';
import type { TimeRange } from '../../core/types.js';
import { type FfprobeBinaries, runFfprobe } from './ffprobeRun.js';

/** Read this far past a span's end, seconds: the keyframe closing its last whole GOP may sit just after it. */
const AFTER_SPAN_SECONDS = 0.5;

const rational = z.string().regex(/^\d+\/\d+$/);
const probeSchema = z.object({
  streams: z
    .array(
      z.object({
        codec_name: z.string().optional(),
        pix_fmt: z.string().optional(),
        sample_aspect_ratio: z.string().optional(),
        time_base: rational,
        tags: z.record(z.string(), z.string()).optional(),
        side_data_list: z.array(z.object({ rotation: z.number().optional() }).passthrough()).optional(),
      }),
    )
    .default([]),
  packets: z.array(z.object({ pts: z.number().optional(), dts: z.number().optional(), flags: z.string().default('') })).default([]),
});

export type CopyableVideo = { readonly copyable: true; readonly packets: readonly VideoPacket[] } | { readonly copyable: false; readonly reason: string };

/**
 * Whether x264's pieces can be spliced between this stream's own packets, and its packets over `spans`.
 * Only 8-bit 4:2:0 H.264 with square pixels and no display rotation qualifies: the pieces are encoded from
 * decoded (upright, square-pixel) frames, and a decoder meets both streams' parameters in one track.
 */
export async function copyableVideo(
  ffprobeBinaries: FfprobeBinaries,
  location: string,
  spans: readonly TimeRange[],
  options: { readonly readOptions: readonly string[]; readonly signal?: AbortSignal },
): Promise<CopyableVideo> {
  const intervals = spans.map((span) => `${Math.max(0, span.start).toFixed(6)}%${(span.end + AFTER_SPAN_SECONDS).toFixed(6)}`).join(',');
  const stdout = await runFfprobe(
    ffprobeBinaries,
    [
      ...options.readOptions,
      '-v', 'error',
      '-select_streams', 'v:0',
      '-read_intervals', intervals,
      '-show_entries', 'stream=codec_name,pix_fmt,sample_aspect_ratio,time_base:stream_tags=rotate:stream_side_data=rotation:packet=pts,dts,flags',
      '-of', 'json',
      location,
    ],
    { maxBuffer: 64 * 1024 * 1024, ...(options.signal ? { signal: options.signal } : {}) },
  );
  return readCopyableVideo(JSON.parse(stdout) as unknown);
}

/** The parsing half of copyableVideo, for ffprobe's JSON. */
export function readCopyableVideo(json: unknown): CopyableVideo {
  const parsed = probeSchema.safeParse(json);
  if (!parsed.success) return { copyable: false, reason: 'ffprobe listed the packets in an unexpected shape' };
  const stream = parsed.data.streams[0];
  if (!stream) return { copyable: false, reason: 'no video stream' };
  if (stream.codec_name !== 'h264') return { copyable: false, reason: `the video is ${stream.codec_name ?? 'of an unknown codec'}, not H.264` };
  if (stream.pix_fmt !== 'yuv420p' && stream.pix_fmt !== 'yuvj420p') return { copyable: false, reason: `the video's pixels are ${stream.pix_fmt ?? 'unknown'}, not 8-bit 4:2:0` };
  const sar = stream.sample_aspect_ratio;
  if (sar !== undefined && sar !== '1:1' && sar !== '0:1') return { copyable: false, reason: `the video's pixels are not square (${sar})` };
  const rotation = Number(stream.side_data_list?.find((entry) => entry.rotation !== undefined)?.rotation ?? stream.tags?.['rotate'] ?? 0);
  if (rotation % 360 !== 0) return { copyable: false, reason: `the video is shown rotated ${rotation}°` };
  const [num, den] = stream.time_base.split('/').map(Number) as [number, number];
  if (!(num > 0 && den > 0)) return { copyable: false, reason: `the video's time base ${stream.time_base} is not usable` };
  const packets: VideoPacket[] = [];
  for (const packet of parsed.data.packets) {
    if (packet.pts === undefined) return { copyable: false, reason: 'a video packet has no presentation time' };
    const pts = (packet.pts * num) / den;
    packets.push({ pts, dts: packet.dts === undefined ? pts : (packet.dts * num) / den, key: packet.flags.startsWith('K') });
  }
  return { copyable: true, packets };
}
