/**
 * Home: every clip as a card, searched and filtered through the catalog API (the filter lives in the URL, so a
 * view can be shared and survives a reload), a page at a time.
 */
import { useEffect, useState } from 'preact/hooks';
import { query } from '../api.js';
import { clipHref, clock, COMPLIANCE_WORDS, REVIEW_WORDS, seconds, signalWords } from '../format.js';
import { t } from '../i18n.js';
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
      <h1>{t('clips')}</h1>
      <form class="filters" role="search" onSubmit={(event) => { event.preventDefault(); update({ text }); }}>
        <label class="search">
          <span class="sr-only">{t('search')}</span>
          <input type="search" aria-label={t('search')} placeholder={t('searchPlaceholder')} value={text} onInput={(event) => setText(event.currentTarget.value)} />
        </label>
        <Choice label={t('show')} value={filter.show} onChange={(show) => update({ show })} options={[['', t('allShows')], ...(shows.data?.shows ?? []).map((show): [string, string] => [show.showId, `${show.title} · ${show.showId}`])]} />
        <label>
          {t('product')}
          <input value={filter.product} placeholder={t('any')} onChange={(event) => update({ product: event.currentTarget.value.trim() })} />
        </label>
        <Choice label={t('score')} value={filter.minScore} onChange={(minScore) => update({ minScore })} options={[['', t('any')], ...[5, 10, 20, 40].map((score): [string, string] => [String(score), `≥ ${score}`])]} />
        <Choice label={t('compliance')} value={filter.compliance} onChange={(compliance) => update({ compliance })} options={COMPLIANCE_CHOICES} />
        <Choice label={t('language')} value={filter.language} onChange={(language) => update({ language })} options={LANGUAGE_CHOICES} />
        <Choice label={t('review')} value={filter.status} onChange={(status) => update({ status })} options={REVIEW_CHOICES} />
        <Choice
          label={t('sort')}
          value={filter.sort}
          onChange={(sort) => update({ sort })}
          options={SORT_CHOICES}
          disabledReason={filter.show === '' ? t('sortNeedsShow') : undefined}
        />
      </form>
      {clips.error ? <p class="error" role="alert">{clips.error}</p> : null}
      <p class="muted" aria-live="polite">
        {clips.loading && !clips.data ? t('loading') : `${entries.length === 0 ? t('noClips') : pageLine(pageNumber, entries.length)}${Object.values(filter).some((value) => value !== '') ? ` ${t('matching')}` : ''}`}
      </p>
      <section class="cards" aria-label={t('clips')} aria-busy={clips.loading}>
        {entries.map((entry, index) => (
          <ClipCard entry={entry} thumbnail={clips.data?.thumbnails[`${entry.showId}/${entry.clipId}`]} eager={index < EAGER_THUMBNAILS} />
        ))}
      </section>
      <nav class="pager" aria-label={t('page')}>
        {pageNumber > 1 ? <button type="button" onClick={() => history.back()}>{t('previous')}</button> : null}
        {clips.data?.cursor ? (
          <button type="button" onClick={() => navigate(`/${query({ ...filter, cursor: clips.data!.cursor, page: pageNumber + 1 })}`)}>{t('next')}</button>
        ) : null}
      </nav>
    </main>
  );
}

type Choices = readonly (readonly [value: string, label: string])[];
const COMPLIANCE_CHOICES: Choices = [['', t('any')], ['not-blocked', t('postable')], ['clear', t('clear')], ['warn', t('checkClaims')], ['block', t('blocked')]];
const LANGUAGE_CHOICES: Choices = [['', t('any')], ['en', t('english')], ['zh', t('chinese')]];
const REVIEW_CHOICES: Choices = [['', t('any')], ['pending', t('pending')], ['approved', t('approved')], ['rejected', t('rejected')]];
const SORT_CHOICES: Choices = [['', t('bestFirst')], ['time', t('recordingOrder')], ['duration', t('shortestFirst')]];

function pageLine(page: number, count: number): string {
  return t(count === 1 ? 'pageLineOne' : 'pageLineMany', { page, count });
}

/** One labelled select of the filter bar; the empty value means "no filter". */
function Choice({ label, value, options, onChange, disabledReason }: { label: string; value: string; options: Choices; onChange: (value: string) => void; disabledReason?: string | undefined }) {
  return (
    <label>
      {label}
      <select value={value} disabled={disabledReason !== undefined} title={disabledReason} onChange={(event) => onChange(event.currentTarget.value)}>
        {options.map(([optionValue, optionLabel]) => (
          <option value={optionValue}>{optionLabel}</option>
        ))}
      </select>
    </label>
  );
}

/** Cards whose thumbnails load at once (the first screen); the rest load as they scroll into view. */
const EAGER_THUMBNAILS = 8;

function ClipCard({ entry, thumbnail, eager }: { entry: CatalogEntry; thumbnail: string | undefined; eager: boolean }) {
  const vertical = entry.variants.find((variant) => variant.height > variant.width);
  return (
    <article class="card" data-clip={entry.clipId}>
      <a href={clipHref(entry)} class="thumb" aria-label={`${t('open')} ${entry.title}`}>
        {thumbnail ? <img src={thumbnail} alt="" loading={eager ? 'eager' : 'lazy'} width={vertical ? 180 : 320} height={vertical ? 320 : 180} /> : <div class="nothumb" />}
        <span class="duration">{seconds(entry.duration)}</span>
      </a>
      <div class="card-body">
        <h2>
          <a href={clipHref(entry)}>{entry.title}</a>
        </h2>
        <p class="meta">
          <span class="score" title={t('highlightScore')}>★ {entry.score.toFixed(1)}</span>
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
