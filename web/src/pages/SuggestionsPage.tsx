/** The planners' board: topic suggestions across the channel's shows, each with the evidence and clips behind it. */
import { query } from '../api.js';
import { clipHref, clock, showHref } from '../format.js';
import { navigate, useLocation } from '../router.js';
import { t } from '../i18n.js';
import type { ShowSummary, TopicSuggestion } from '../types.js';
import { useApi } from '../useApi.js';

const KIND_WORDS: Readonly<Record<TopicSuggestion['kind'], string>> = { question: t('viewersAsked'), product: t('product'), keyphrase: t('theme') };

const SOURCE_WORDS: Readonly<Record<string, string>> = { speech: t('sourceSpeech'), chat: t('sourceChat'), metrics: t('sourceMetrics') };

export function SuggestionsPage() {
  const { search } = useLocation();
  const channel = search.get('channel') ?? '';
  const shows = useApi<{ shows: ShowSummary[] }>('/shows');
  const suggestions = useApi<{ suggestions: TopicSuggestion[] }>(`/suggestions${query({ channel, limit: 24 })}`);
  const channels = [...new Set((shows.data?.shows ?? []).map((show) => show.channel).filter((name): name is string => name !== undefined))].sort();
  const items = suggestions.data?.suggestions ?? [];
  return (
    <main>
      <h1>{t('topicSuggestions')}</h1>
      <form class="filters" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('channel')}
          <select value={channel} onChange={(event) => navigate(`/suggestions${query({ channel: event.currentTarget.value })}`)}>
            <option value="">{t('allChannels')}</option>
            {channels.map((name) => (
              <option value={name}>{name}</option>
            ))}
          </select>
        </label>
      </form>
      {suggestions.error ? <p class="error" role="alert">{suggestions.error}</p> : null}
      {suggestions.data && items.length === 0 ? <p class="muted">{t('noSuggestions')}</p> : null}
      <ol class="board">
        {items.map((item) => (
          <li class="suggestion">
            <article>
              <p>
                <span class="kind">{KIND_WORDS[item.kind]}</span> <span class="muted small">{t('score')} {item.score.toFixed(2)}</span>
              </p>
              <h2>{item.topic}</h2>
              <p>{item.why}</p>
              {item.pitch ? <p class="pitch">{item.pitch}</p> : null}
              {item.evidence.length > 0 ? (
                <ul class="evidence">
                  {item.evidence.slice(0, 4).map((evidence) => (
                    <li>
                      <a href={showHref(evidence.showId)}>{evidence.showId}</a> {clock(evidence.t)} <span class="src">{SOURCE_WORDS[evidence.source] ?? evidence.source}</span> “{evidence.quote}”
                      {evidence.clipId ? (
                        <>
                          {' '}
                          · <a href={clipHref({ showId: evidence.showId, clipId: evidence.clipId })}>{t('clip')}</a>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </article>
          </li>
        ))}
      </ol>
    </main>
  );
}
