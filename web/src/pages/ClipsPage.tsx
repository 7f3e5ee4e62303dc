/**
 * Home: every clip as a card, searched and filtered through the catalog API (the filter lives in the URL, so a
 * view can be shared and survives a reload), a page at a time.
 */
import { useEffect, useState } from 'preact/hooks';
import { query } from '../api.js';
import { clipHref, clock, COMPLIANCE_WORDS, REVIEW_WORDS, seconds, signalWords } from '../format.js';
import { PAGE_SIZE } from '../paging.js';
import { navigate, useLocation } from '../router.js';
import type { CatalogEntry, ClipPage, ShowSummary } from '../types.js';
import { useApi } from '../useApi.js';

const FILTERS = ['text', 'show', 'product', 'minScore', 'compliance', 'language', 'status', 'sort'] as const;
type FilterName = (typeof FILTERS)[number];

export function ClipsPage() {
  const { search } = useLocation();
  const filter = Object.fromEntries(FILTERS.map((name) => [name, search.get(name) ?? ''])) as Record<FilterName, string>;
  const cursor = search.get('cursor') ?? undefined;
  const pageNumber = Number(search.get('page') ?? '1') || 1;
  const clips = useApi<ClipPage>(`/clips${query({ ...filter, limit: PAGE_SIZE, cursor })}`);
  const shows = useApi<{ shows: ShowSummary[] }>('/shows');
  const [text, setText] = useState(filter.text);

  const update = (changes: Partial<Record<FilterName, string>>, replace = false) => {
    const next = { ...filter, ...changes };
    // Other orders than best-first are per show (the index keeps one order across the workspace).
    if (next.show === '') next.sort = '';
    navigate(`/${query(next)}`, replace);
  };
  // The search box filters as one types, once typing pauses.
  useEffect(() => {
    if (text === filter.text) return;
    const timer = setTimeout(() => update({ text }, true), 250);
    return () => clearTimeout(timer);
  }, [text]);
  useEffect(() => setText(filter.text), [filter.text]);

  const entries = clips.data?.entries ?? [];
  return (
    <main>
      <h1>Clips</h1>
      <form class="filters" role="search" onSubmit={(event) => { event.preventDefault(); update({ text }); }}>
        <label class="search">
          <span class="sr-only">Search</span>
          <input type="search" aria-label="Search" placeholder="Search titles, descriptions, hashtags" value={text} onInput={(event) => setText(event.currentTarget.value)} />
        </label>
        <label>
          Show
          <select value={filter.show} onChange={(event) => update({ show: event.currentTarget.value })}>
            <option value="">All shows</option>
            {(shows.data?.shows ?? []).map((show) => (
              <option value={show.showId}>{show.title} · {show.showId}</option>
            ))}
          </select>
        </label>
        <label>
          Product
          <input value={filter.product} placeholder="any" onChange={(event) => update({ product: event.currentTarget.value.trim() })} />
        </label>
        <label>
          Score
          <select value={filter.minScore} onChange={(event) => update({ minScore: event.currentTarget.value })}>
            <option value="">any</option>
            {[5, 10, 20, 40].map((score) => (
              <option value={String(score)}>≥ {score}</option>
            ))}
          </select>
        </label>
        <label>
          Compliance
          <select value={filter.compliance} onChange={(event) => update({ compliance: event.currentTarget.value })}>
            <option value="">any</option>
            <option value="not-blocked">Postable (not blocked)</option>
            <option value="clear">Clear</option>
            <option value="warn">Check claims</option>
            <option value="block">Blocked</option>
          </select>
        </label>
        <label>
          Language
          <select value={filter.language} onChange={(event) => update({ language: event.currentTarget.value })}>
            <option value="">any</option>
            <option value="en">English</option>
            <option value="zh">Chinese</option>
          </select>
        </label>
        <label>
          Review
          <select value={filter.status} onChange={(event) => update({ status: event.currentTarget.value })}>
            <option value="">any</option>
            <option value="pending">Pending</option>
            <option value="approved">Approved</option>
            <option value="rejected">Rejected</option>
          </select>
        </label>
        <label>
          Sort
          <select value={filter.sort} disabled={filter.show === ''} title={filter.show === '' ? 'Pick a show to order its clips by time or length' : undefined} onChange={(event) => update({ sort: event.currentTarget.value })}>
            <option value="">Best first</option>
            <option value="time">Recording order</option>
            <option value="duration">Shortest first</option>
          </select>
        </label>
      </form>
      {clips.error ? <p class="error" role="alert">{clips.error}</p> : null}
      <p class="muted" aria-live="polite">
        {clips.loading && !clips.data ? 'Loading…' : `${entries.length === 0 ? 'No clips' : `Page ${pageNumber}: ${entries.length} clip${entries.length === 1 ? '' : 's'}`}${Object.values(filter).some((value) => value !== '') ? ' matching' : ''}`}
      </p>
      <section class="cards" aria-label="Clips" aria-busy={clips.loading}>
        {entries.map((entry) => (
          <ClipCard entry={entry} thumbnail={clips.data?.thumbnails[`${entry.showId}/${entry.clipId}`]} />
        ))}
      </section>
      <nav class="pager" aria-label="Pages">
        {pageNumber > 1 ? <button type="button" onClick={() => history.back()}>← Previous</button> : null}
        {clips.data?.cursor ? (
          <button type="button" onClick={() => navigate(`/${query({ ...filter, cursor: clips.data!.cursor, page: pageNumber + 1 })}`)}>Next page →</button>
        ) : null}
      </nav>
    </main>
  );
}

function ClipCard({ entry, thumbnail }: { entry: CatalogEntry; thumbnail: string | undefined }) {
  const vertical = entry.variants.find((variant) => variant.height > variant.width);
  return (
    <article class="card" data-clip={entry.clipId}>
      <a href={clipHref(entry)} class="thumb" aria-label={`Open ${entry.title}`}>
        {thumbnail ? <img src={thumbnail} alt="" loading="lazy" width={vertical ? 180 : 320} height={vertical ? 320 : 180} /> : <div class="nothumb" />}
        <span class="duration">{seconds(entry.duration)}</span>
      </a>
      <div class="card-body">
        <h2>
          <a href={clipHref(entry)}>{entry.title}</a>
        </h2>
        <p class="meta">
          <span class="score" title="Highlight score">★ {entry.score.toFixed(1)}</span>
          <span class={`badge compliance-${entry.compliance.status}`}>{COMPLIANCE_WORDS[entry.compliance.status]}</span>
          <span class={`badge review-${entry.review.status}`}>{REVIEW_WORDS[entry.review.status]}</span>
          {entry.version > 1 ? <span class="badge">v{entry.version}</span> : null}
        </p>
        <p class="why">{signalWords(entry.signals.slice(0, 3))}</p>
        {entry.products.length > 0 ? <p class="products">{entry.products.join(' · ')}</p> : null}
        <p class="muted small">
          {entry.showId} · #{entry.rank} · {clock(entry.start)}–{clock(entry.end)}
        </p>
      </div>
    </article>
  );
}
