import { chatCountSignal } from './chatCountSignal.js';
import { formatNumber } from './evidenceText.js';

/** Chat rate: viewers' lines per chat window against the show's quiet level; a viewer's spam counts at most twice. */
export const chatRate = chatCountSignal(
  'chatRate',
  (lines) => lines.lines,
  ({ count, baseline, z, window }) => `chat rate z=${z} (${count} msgs in ${window}, usually ${formatNumber(baseline)})`,
);
