/**
 * Progress on stderr: one bar per stage on a terminal (cli-progress), one line per finished stage
 * item otherwise, so logs of non-interactive runs still show where time went.
 */
import cliProgress from 'cli-progress';
import { messageItem, STAGES, type StageName } from '../shared/pipeline/messages.js';
import type { PipelineEvent } from '../shared/pipeline/processMessage.js';

export interface ProgressView {
  readonly onEvent: (event: PipelineEvent) => void;
  stop(): void;
}

export function createProgressView(stream: NodeJS.WriteStream = process.stderr): ProgressView {
  const interactive = Boolean(stream.isTTY);
  const multibar = interactive
    ? new cliProgress.MultiBar(
        {
          stream,
          format: ' {stage} |{bar}| {value}/{total} {note}',
          barsize: 30,
          hideCursor: true,
          clearOnComplete: false,
          autopadding: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const bars = new Map<StageName, cliProgress.SingleBar>();
  const totals = new Map<StageName, Set<string>>();
  const done = new Map<StageName, Set<string>>();

  const known = (stage: StageName) => totals.get(stage) ?? totals.set(stage, new Set()).get(stage)!;
  const finished = (stage: StageName) => done.get(stage) ?? done.set(stage, new Set()).get(stage)!;
  const bar = (stage: StageName) => {
    if (!multibar) return undefined;
    let existing = bars.get(stage);
    if (!existing) {
      // Bars appear in pipeline order as stages start.
      existing = multibar.create(1, 0, { stage: stage.padEnd(Math.max(...STAGES.map((s) => s.length))), note: '' });
      bars.set(stage, existing);
    }
    return existing;
  };

  return {
    onEvent(event) {
      const { stage } = event.message;
      const item = messageItem(event.message);
      known(stage).add(item);
      if (event.type === 'succeeded') {
        finished(stage).add(item);
        for (const next of event.next) known(next.stage).add(messageItem(next));
        if (!interactive) stream.write(`postshow: ${item} done in ${(event.ms / 1000).toFixed(1)} s\n`);
      }
      // A final failure is the run's outcome, which the command prints once when the run ends; a retry is news.
      if (event.type === 'failed' && !event.final && !interactive) stream.write(`postshow: ${item} failed (will retry): ${event.reason}\n`);
      const view = bar(stage);
      if (!view) return;
      const total = known(stage).size;
      const fraction = event.type === 'progress' && total === 1 ? event.fraction : 0;
      view.setTotal(total);
      view.update(Math.min(total, finished(stage).size + fraction), {
        note: event.type === 'failed' ? `failed: ${event.reason.slice(0, 60)}` : '',
      });
    },
    stop() {
      multibar?.stop();
    },
  };
}
