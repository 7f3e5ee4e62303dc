/**
 * `postshow models pull <name>` and `postshow models list`: fetch the whisper.cpp models the local
 * Whisper engine reads, and show which are in place.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { WHISPER_MODELS, WHISPER_MODEL_BASE_URL } from '../../shared/adapters/models/modelCatalog.js';
import { defaultModelDir, resolveWhisperModelPath, WHISPER_MODEL_ENV } from '../../shared/adapters/models/modelPaths.js';
import { pullModel } from '../../shared/adapters/models/pullModel.js';

/** Adds the `models` command group to the CLI. */
export function registerModelsCommand(program: Command): void {
  const models = program.command('models').description('local Whisper models (whisper.cpp ggml files)');

  models
    .command('pull')
    .description('download a model, verify its checksum and put it in the model directory')
    .argument('<name>', `model name (${WHISPER_MODELS.map((entry) => entry.name).join(', ')})`)
    .option('--dir <dir>', 'model directory', defaultModelDir())
    .option('--base-url <url>', 'mirror with the upstream layout', WHISPER_MODEL_BASE_URL)
    .option('--force', 'download again even when a verified file is in place')
    .action(async (name: string, flags: { dir: string; baseUrl: string; force?: boolean }) => {
      const result = await pullModel({ name, dir: flags.dir, baseUrl: flags.baseUrl, force: Boolean(flags.force) });
      const note = result.alreadyPresent ? 'already present, checksum verified' : `downloaded${result.resumedFrom ? ` (resumed at ${mib(result.resumedFrom)} MiB)` : ''}, sha1 verified`;
      process.stdout.write(`${result.path}  ${mib(result.bytes)} MiB  ${note}\n`);
      if (!process.env[WHISPER_MODEL_ENV] && flags.dir !== defaultModelDir()) {
        process.stdout.write(`use it with: ${WHISPER_MODEL_ENV}=${result.path}\n`);
      }
    });

  models
    .command('list')
    .description('the models you can pull, which are present, and the one in use')
    .option('--dir <dir>', 'model directory', defaultModelDir())
    .option('--json', 'print JSON')
    .action((flags: { dir: string; json?: boolean }) => {
      const active = resolveWhisperModelPath({ dir: flags.dir });
      const rows = WHISPER_MODELS.map((entry) => {
        const path = join(flags.dir, entry.file);
        const present = existsSync(path);
        return {
          name: entry.name,
          sizeMiB: entry.sizeMiB,
          languages: entry.multilingual ? 'multilingual' : 'English only',
          present,
          ...(present ? { bytes: statSync(path).size } : {}),
          active: path === active,
          path,
        };
      });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ dir: flags.dir, active, models: rows }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`model directory: ${flags.dir}\nin use: ${active}${existsSync(active) ? '' : ' (missing: run `postshow models pull <name>`)'}\n\n`);
      for (const row of rows) {
        const mark = row.active ? '*' : ' ';
        process.stdout.write(`${mark} ${row.name.padEnd(20)} ${`${row.sizeMiB} MiB`.padStart(9)}  ${row.languages.padEnd(12)}  ${row.present ? 'present' : ''}\n`);
      }
    });
}

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
