import { suggestTopics } from '../../shared/core/topics/index.js';
import type { TopicSuggestion } from '../../shared/core/types.js';
import type { Storage } from '../../shared/pipeline/ports.js';
import { readChannelReviews } from '../../shared/pipeline/showReview.js';
import { readWorkspaceTopicEvidence } from '../../shared/pipeline/workspace.js';
import { clock } from './format.js';

/** Topic suggestions across every show in the workspace, or the shows of one channel. */
export async function workspaceSuggestions(storage: Storage, limit: number, channel?: string): Promise<TopicSuggestion[]> {
  const evidence = await readWorkspaceTopicEvidence(storage);
  if (channel === undefined) return suggestTopics(evidence, { limit });
  const shows = new Set((await readChannelReviews(storage, channel)).map((review) => review.showId));
  return suggestTopics(evidence.filter((show) => shows.has(show.showId)), { limit });
}

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
