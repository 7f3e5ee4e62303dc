/**
 * Writes a deterministic sample show and prints its paths.
 *
 *   tsx scripts/makeSample.ts [--out samples/demo] [--minutes 3] [--lang en|zh] [--seed N] [--width 640 --height 360]
 *
 * Skips regeneration when `<out>/params.json` says the sample there was made with the same parameters.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { generateSampleShow, readCachedSampleShow } from './sampleShow.js';

const ArgsSchema = z.object({
  out: z.string().min(1),
  minutes: z.coerce.number().min(0.67, 'minutes must be at least 0.67 (40 s)').max(600),
  lang: z.enum(['en', 'zh']),
  seed: z.coerce.number().int(),
  width: z.coerce.number().int().min(16).optional(),
  height: z.coerce.number().int().min(16).optional(),
  fps: z.coerce.number().int().min(1).max(60).optional(),
  force: z.boolean(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'samples/demo' },
      minutes: { type: 'string', default: '3' },
      lang: { type: 'string', default: 'en' },
      seed: { type: 'string', default: '42' },
      width: { type: 'string' },
      height: { type: 'string' },
      fps: { type: 'string' },
      force: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid arguments: ${problems}`);
  }
  const a = parsed.data;
  const opts = {
    outDir: a.out,
    minutes: a.minutes,
    language: a.lang,
    seed: a.seed,
    ...(a.width === undefined ? {} : { width: a.width }),
    ...(a.height === undefined ? {} : { height: a.height }),
    ...(a.fps === undefined ? {} : { fps: a.fps }),
  };

  const cached = a.force ? undefined : await readCachedSampleShow(opts);
  const started = performance.now();
  const show = cached ?? (await generateSampleShow(opts));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(cached ? `sample up to date in ${a.out} (same params.json)` : `generated ${a.out} in ${seconds} s`);
  for (const key of ['recording', 'chat', 'metrics', 'products', 'labels', 'captions'] as const) {
    console.log(`${key.padEnd(10)} ${show[key]}`);
  }
  console.log(`duration   ${show.durationSeconds} s, ${show.planted.length} planted moments`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
