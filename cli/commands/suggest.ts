import type { TopicSuggestion } from '../../shared/core/types.js';
import { clock } from './format.js';

export { workspaceSuggestions } from '../../shared/pipeline/workspaceViews.js';

export function printSuggestions(suggestions: readonly TopicSuggestion[]): void {
  if (suggestions.length === 0) {
    process.stdout.write('no topic suggestions yet: run a show first\n');
    return;
  }
  suggestions.forEach((suggestion, index) => {
    process.stdout.write(`${index + 1}. [${suggestion.kind}] ${suggestion.topic}  (score ${suggestion.score.toFixed(2)})\n   ${suggestion.why}\n`);
    for (const evidence of suggestion.evidence.slice(0, 2)) {
      process.stdout.write(`   - ${evidence.showId} ${clock(evidence.t)} ${evidence.source}: "${evidence.quote.slice(0, 100)}"${evidence.clipId ? ` (clip ${evidence.clipId})` : ''}\n`);
    }
  });
}
