/**
 * One show for a planner: the timeline (chat, loudness, viewers, sentiment, highlight bands, the review's phases),
 * the highlights, the review (复盘) and the plan for the next show. The chart and the review are drawn by the same
 * pure functions as report.html (shared/core/report), which escape every string they are given.
 */
import { numberFormats, reviewLabels } from '../../../shared/core/report/reportLabels.js';
import { phaseLegend, phaseRibbon } from '../../../shared/core/report/phaseRibbon.js';
import { planSection } from '../../../shared/core/report/planSection.js';
import { reviewSection } from '../../../shared/core/report/reviewSection.js';
import { timelineChart, timelineScale } from '../../../shared/core/report/timelineChart.js';
import type { EvidenceContext } from '../../../shared/core/report/reviewEvidence.js';
import type { SentimentTimeline } from '../../../shared/core/types.js';
import { clipHref, clock, date, showHref, signalWords } from '../format.js';
import { t } from '../i18n.js';
import type { ShowPlan, ShowResponse, ShowReview } from '../types.js';
import { useApi } from '../useApi.js';

export function ShowPage({ showId }: { showId: string }) {
  const show = useApi<ShowResponse>(`/shows/${encodeURIComponent(showId)}`);
  const review = useApi<ShowReview>(`/shows/${encodeURIComponent(showId)}/review`);
  const channel = review.data?.channel?.name ?? show.data?.summary.channel;
  const plan = useApi<ShowPlan>(review.data && channel ? `/channels/${encodeURIComponent(channel)}/plan` : undefined);
  if (show.error) return <main><p class="error" role="alert">{show.error}</p></main>;
  const data = show.data;
  if (!data) return <main><p class="muted">{t('loading')}</p></main>;
  const { summary, timeline } = data;
  const context: EvidenceContext = { showId, clipAnchors: new Map(data.highlights.map((highlight) => [highlight.clipId, `highlight-${highlight.rank}`])) };
  const chartInput = timeline
    ? { duration: timeline.duration, chatRate: timeline.chatRate, loudness: timeline.loudness, ...(timeline.viewers ? { viewers: timeline.viewers } : {}), sentiment: timeline.sentiment as SentimentTimeline }
    : undefined;
  const reviewData = review.data;
  return (
    <main class="show-page">
      <p class="crumbs">
        <a href="/shows">{t('shows')}</a> › {summary.showId}
      </p>
      <h1>{summary.title}</h1>
      <dl class="facts">
        <dt>{t('channel')}</dt>
        <dd>{summary.channel ?? '—'}</dd>
        <dt>{t('aired')}</dt>
        <dd>{date(summary.airedAt)}</dd>
        <dt>{t('length')}</dt>
        <dd>{clock(summary.duration)}</dd>
        <dt>{t('status')}</dt>
        <dd>
          {summary.state}
          {summary.error ? ` — ${summary.error}` : ''}
        </dd>
        <dt>{t('transcript')}</dt>
        <dd>{data.transcriptEngine ?? '—'}</dd>
        <dt>{t('clipsColumn')}</dt>
        <dd>
          <a href={`/?show=${encodeURIComponent(summary.showId)}`}>{summary.clips} {t('inCatalog')}</a>
        </dd>
      </dl>

      <section id="timeline" aria-label={t('timeline')}>
        <h2>{t('timeline')}</h2>
        {chartInput ? (
          <>
            <div class="chart" dangerouslySetInnerHTML={{ __html: timelineChart({ ...chartInput, highlights: data.highlights }) }} />
            {reviewData ? (
              <>
                <div class="chart ribbon" dangerouslySetInnerHTML={{ __html: phaseRibbon(reviewData, timelineScale(chartInput), reviewLabels(reviewData.language), numberFormats(reviewData.language)) }} />
                <div dangerouslySetInnerHTML={{ __html: phaseLegend(reviewData, reviewLabels(reviewData.language), numberFormats(reviewData.language)) }} />
              </>
            ) : null}
          </>
        ) : (
          <p class="muted">{t('timelineLater')}</p>
        )}
      </section>

      <section id="highlights">
        <h2>{t('highlights')} ({data.highlights.length})</h2>
        {data.highlights.length === 0 ? <p class="muted">{t('noHighlights')}</p> : null}
        <div class="highlights">
          {data.highlights.map((highlight) => (
            <article class="highlight" id={`highlight-${highlight.rank}`}>
              <a href={clipHref({ showId, clipId: highlight.clipId })} class="thumb">
                {data.thumbnails[highlight.clipId] ? <img src={data.thumbnails[highlight.clipId]} alt="" loading="lazy" /> : <div class="nothumb" />}
              </a>
              <div>
                <h3>
                  #{highlight.rank} · <a href={clipHref({ showId, clipId: highlight.clipId })}>{highlight.title ?? highlight.clipId}</a>
                </h3>
                <p class="muted">
                  {clock(highlight.start)}–{clock(highlight.end)} · score {highlight.score.toFixed(1)}
                  {highlight.moment ? ` · ${highlight.moment}` : ''}
                </p>
                <p class="why">{signalWords(highlight.reasons.slice(0, 4).map((reason) => reason.name))}</p>
                {highlight.transcript.slice(0, 2).map((line) => (
                  <blockquote>{line}</blockquote>
                ))}
                {highlight.products.length > 0 ? <p class="products">{highlight.products.join(' · ')}</p> : null}
              </div>
            </article>
          ))}
        </div>
      </section>

      {reviewData ? <div class="report-embed" dangerouslySetInnerHTML={{ __html: reviewSection(reviewData, context) }} /> : review.loading ? null : <p class="muted">{t('noReview')}</p>}
      {plan.data ? <div class="report-embed" dangerouslySetInnerHTML={{ __html: planSection(plan.data, context) }} /> : null}

      {data.compliance.length > 0 ? (
        <section id="compliance">
          <h2>{t('compliance')}</h2>
          <ul class="flags">
            {data.compliance.map((flag) => (
              <li class={`sev-${flag.severity}`}>
                {clock(flag.t)} · {flag.severity === 'block' ? t('blocked') : t('check')}: “{flag.term}” ({flag.rule}, {flag.source})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.topics.length > 0 ? (
        <section id="topics">
          <h2>{t('topicIdeas')}</h2>
          <ul>
            {data.topics.map((topic) => (
              <li>
                <strong>{topic.topic}</strong> <span class="muted">— {topic.why}</span>
              </li>
            ))}
          </ul>
          <p>
            <a href={channel ? `/suggestions?channel=${encodeURIComponent(channel)}` : '/suggestions'}>{t('allSuggestions')}</a>
          </p>
        </section>
      ) : null}
      <p class="muted small">
        <a href={showHref(showId)}>{showId}</a>
      </p>
    </main>
  );
}
