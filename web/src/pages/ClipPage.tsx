/**
 * One clip: its shapes playing (the browser seeks with range requests), downloads, a verdict, and the fixes a
 * marketer makes before posting: copy, captions and trim. A fix is an edit through the API, which renders the
 * next version; the page follows the render until the catalog shows it.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { clock, COMPLIANCE_WORDS, REVIEW_WORDS, seconds, showHref, signalWords } from '../format.js';
import { t } from '../i18n.js';
import type { ClipResponse } from '../types.js';
import { useApi } from '../useApi.js';

/** WebVTT from the SRT sidecar (the same cues; VTT writes the milliseconds after a dot), for a <track>. */
function srtToVtt(srt: string): string {
  return `WEBVTT\n\n${srt.replace(/\r\n?/g, '\n').replace(/(\d\d:\d\d:\d\d),(\d\d\d)/g, '$1.$2')}`;
}

/** How often a rendering clip is asked about, ms. */
const POLL_MS = 1000;

export function ClipPage({ showId, clipId }: { showId: string; clipId: string }) {
  const path = `/clips/${encodeURIComponent(showId)}/${encodeURIComponent(clipId)}`;
  const clip = useApi<ClipResponse>(path);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const data = clip.data;
  const render = data?.render;
  // Rendering until the clip stage has cut the asked-for version and the catalog lists it.
  const busy = render !== undefined && (render.state === 'rendering' || (render.state === 'ready' && data!.entry.version < render.version));
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(clip.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [busy, data]);
  const captionsVtt = useMemo(() => (data?.captionsSrt ? URL.createObjectURL(new Blob([srtToVtt(data.captionsSrt)], { type: 'text/vtt' })) : undefined), [data?.captionsSrt]);
  useEffect(() => () => captionsVtt && URL.revokeObjectURL(captionsVtt), [captionsVtt]);

  if (clip.error) return <main><p class="error" role="alert">{clip.error}</p></main>;
  if (!data) return <main><p class="muted">{t('loading')}</p></main>;
  const { entry, downloads } = data;
  // The verdict as stored (the catalog's copy follows a moment later).
  const review = data.review ?? entry.review;

  const send = async (verb: 'edit' | 'approve' | 'reject', json: unknown, done: string) => {
    setNotice(undefined);
    try {
      await api(`${path}/${verb}`, { method: 'POST', json });
      setNotice({ kind: 'ok', text: done });
      clip.reload();
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof ApiError || error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <main class="clip-page">
      <p class="crumbs">
        <a href="/">{t('clips')}</a> › <a href={showHref(entry.showId)}>{entry.showId}</a> › #{entry.rank}
      </p>
      <h1>{entry.title}</h1>
      <p class="meta">
        <span class="score">★ {entry.score.toFixed(1)}</span>
        <span class={`badge compliance-${entry.compliance.status}`}>{COMPLIANCE_WORDS[entry.compliance.status]}</span>
        <span class={`badge review-${review.status}`} data-testid="review-state">{REVIEW_WORDS[review.status]}</span>
        <span class="badge" data-testid="version">{t('version')} {entry.version}</span>
        <span class="muted">
          {clock(entry.start)}–{clock(entry.end)} · {seconds(entry.duration)} · {entry.language === 'zh' ? t('chinese') : t('english')}
        </span>
      </p>
      {busy ? <RenderProgress fraction={render?.progress} version={render?.requestedVersion ?? render?.version ?? entry.version + 1} /> : null}
      {render?.state === 'failed' ? <p class="error" role="alert">{t('renderFailed', { v: render.requestedVersion ?? '' })} {render.error}</p> : null}
      {notice ? <p class={notice.kind === 'ok' ? 'ok' : 'error'} role={notice.kind === 'ok' ? 'status' : 'alert'}>{notice.text}</p> : null}

      <section class="players" aria-label={t('clipShapes')}>
        {entry.variants.map((variant) => (
          <figure key={`${variant.aspect}-${entry.version}`}>
            <video controls preload="metadata" src={downloads.variants[variant.aspect]} aria-label={`${variant.aspect} clip`} class={variant.height > variant.width ? 'tall' : 'wide'} style={{ aspectRatio: `${variant.width} / ${variant.height}` }}>
              {/* The clean master carries its captions as an mp4 track, which browsers do not show: the sidecar is shown instead. */}
              {variant.captionsAs === 'track' && captionsVtt ? <track kind="captions" default srclang={entry.language} label={t('captionsSrt')} src={captionsVtt} /> : null}
            </video>
            <figcaption>
              {variant.aspect} · {variant.width}×{variant.height} ·{' '}
              <a href={downloads.saveAs[variant.aspect] ?? downloads.variants[variant.aspect]} download>
                {t('download')}
              </a>
            </figcaption>
          </figure>
        ))}
      </section>
      <p class="downloads">
        <a href={downloads.thumbnail} download>{t('thumbnail')}</a> · <a href={downloads.captions} download>{t('captionsSrt')}</a>
        {data.captions ? <span class="muted"> · {data.captions.burned ? t('captionsBurned') : t('captionsNotBurned')} ({data.captions.reason.replace(/^(not )?burned:\s*/, '')})</span> : null}
      </p>

      <div class="columns">
        <section aria-labelledby="review-heading">
          <h2 id="review-heading">{t('review')}</h2>
          <ReviewForm status={review.status} note={review.note} onReview={(verb, note) => send(verb, note ? { note } : {}, verb === 'approve' ? t('approvedDone') : t('rejectedDone'))} />
          <h2>{t('copy')}</h2>
          <CopyForm key={`copy-${entry.version}`} entry={entry} disabled={busy} onSave={(changes) => send('edit', changes, t('savedRendering'))} />
        </section>
        <section aria-labelledby="why-heading">
          <h2 id="why-heading">{t('whyThisMoment')}</h2>
          <p>{signalWords(entry.signals)}</p>
          {(data.reasons ?? []).length > 0 ? (
            <details class="reasons">
              <summary>{t('signalDetails')}</summary>
              <ul>
                {data.reasons!.map((reason) => (
                  <li>
                    <strong>{reason.name}</strong>: {reason.detail}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {entry.products.length > 0 ? <p>{t('products')}: {entry.products.join(' · ')}</p> : null}
          {entry.compliance.flags.length > 0 ? (
            <ul class="flags">
              {entry.compliance.flags.map((flag) => (
                <li class={`sev-${flag.severity}`}>
                  {flag.severity === 'block' ? t('blocked') : t('check')}: “{flag.term}” ({flag.rule}) at {clock(flag.t)}
                </li>
              ))}
            </ul>
          ) : null}
          {(data.transcript ?? []).length > 0 ? (
            <>
              <h3>{t('said')}</h3>
              {data.transcript!.map((line) => (
                <blockquote>{line}</blockquote>
              ))}
            </>
          ) : (
            <p class="muted">{t('noReliableTranscript')}</p>
          )}
          {(data.chat ?? []).length > 0 ? (
            <>
              <h3>{t('chat')}</h3>
              <ul class="chat">
                {data.chat!.map((line) => (
                  <li>{line}</li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>

      <section aria-labelledby="fix-heading">
        <h2 id="fix-heading">{t('fixAndRerender')}</h2>
        <TrimForm key={`trim-${entry.version}`} start={entry.start} end={entry.end} disabled={busy} onSave={(changes) => send('edit', changes, t('trimmedRendering'))} />
        <CaptionsForm key={`captions-${entry.version}`} srt={data.captionsSrt ?? ''} disabled={busy} onSave={(captions) => send('edit', { captions }, t('captionsRendering'))} />
      </section>
      {(data.history ?? []).length > 0 ? (
        <section>
          <h2>{t('history')}</h2>
          <ul class="history">
            {data.history!.map((line) => (
              <li>
                v{line.version} · {line.at.replace('T', ' ').slice(0, 16)} · {line.changed.join(', ') || t('rerender')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}

function RenderProgress({ fraction, version }: { fraction: number | undefined; version: number }) {
  return (
    <div class="rendering" role="status">
      <span>{t('rendering')} {version}…</span>
      <progress max={1} value={fraction} aria-label={t('renderProgress')} />
      {fraction !== undefined ? <span>{Math.round(fraction * 100)}%</span> : null}
    </div>
  );
}

function ReviewForm({ status, note, onReview }: { status: string; note: string | undefined; onReview: (verb: 'approve' | 'reject', note: string) => void }) {
  const [text, setText] = useState(note ?? '');
  return (
    <form class="review" onSubmit={(event) => event.preventDefault()}>
      <label>
        {t('note')}
        <input value={text} maxLength={1000} onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <div class="buttons">
        <button type="button" class="approve" aria-pressed={status === 'approved'} onClick={() => onReview('approve', text)}>
          {t('approve')}
        </button>
        <button type="button" class="reject" aria-pressed={status === 'rejected'} onClick={() => onReview('reject', text)}>
          {t('reject')}
        </button>
      </div>
    </form>
  );
}

function CopyForm({ entry, disabled, onSave }: { entry: ClipResponse['entry']; disabled: boolean; onSave: (changes: { title: string; description: string; hashtags: string[] }) => void }) {
  const [title, setTitle] = useState(entry.title);
  const [description, setDescription] = useState(entry.description);
  const [hashtags, setHashtags] = useState(entry.hashtags.join(' '));
  return (
    <form
      class="copy"
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ title: title.trim(), description, hashtags: hashtagList(hashtags) });
      }}
    >
      <label>
        {t('title')}
        <input value={title} required maxLength={200} onInput={(event) => setTitle(event.currentTarget.value)} />
      </label>
      <label>
        {t('description')}
        <textarea rows={4} maxLength={2000} value={description} onInput={(event) => setDescription(event.currentTarget.value)} />
      </label>
      <label>
        {t('hashtags')}
        <input value={hashtags} onInput={(event) => setHashtags(event.currentTarget.value)} />
      </label>
      <button type="submit" disabled={disabled}>
        {t('save')}
      </button>
    </form>
  );
}

/** `#a, b #c` → ['#a', '#b', '#c']: commas or spaces between, the # optional. */
function hashtagList(text: string): string[] {
  return text
    .split(/[\s,，]+/)
    .map((tag) => tag.trim().replace(/^#+/, ''))
    .filter((tag) => tag.length > 0)
    .map((tag) => `#${tag}`);
}

function TrimForm({ start, end, disabled, onSave }: { start: number; end: number; disabled: boolean; onSave: (changes: { start: number; end: number }) => void }) {
  const [from, setFrom] = useState(start.toFixed(1));
  const [to, setTo] = useState(end.toFixed(1));
  const form = useRef<HTMLFormElement>(null);
  // "Set from player": the first player's position, in recording seconds.
  const playerTime = () => {
    const video = form.current?.closest('main')?.querySelector('video');
    return video ? start + video.currentTime : undefined;
  };
  return (
    <form
      ref={form}
      class="trim"
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ start: Number(from), end: Number(to) });
      }}
    >
      <label>
        {t('start')}
        <input type="number" step="0.1" min="0" value={from} onInput={(event) => setFrom(event.currentTarget.value)} />
      </label>
      <button type="button" onClick={() => { const t = playerTime(); if (t !== undefined) setFrom(t.toFixed(1)); }}>
        {t('startHere')}
      </button>
      <label>
        {t('end')}
        <input type="number" step="0.1" min="0" value={to} onInput={(event) => setTo(event.currentTarget.value)} />
      </label>
      <button type="button" onClick={() => { const t = playerTime(); if (t !== undefined) setTo(t.toFixed(1)); }}>
        {t('endHere')}
      </button>
      <button type="submit" disabled={disabled || Number(to) <= Number(from)}>
        {t('trim')}
      </button>
    </form>
  );
}

function CaptionsForm({ srt, disabled, onSave }: { srt: string; disabled: boolean; onSave: (captions: string) => void }) {
  const [text, setText] = useState(srt);
  return (
    <form
      class="captions"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(text);
      }}
    >
      <label>
        {t('captionsLabel')}
        <textarea rows={10} spellcheck={false} value={text} placeholder={'1\n00:00:00,500 --> 00:00:03,000\nWhat the host said, as it should read\n'} onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <button type="submit" disabled={disabled || text.trim() === ''}>
        {t('saveCaptions')}
      </button>
    </form>
  );
}
