/** Every show in the workspace with where its run stands, newest aired first. */
import { date, showHref } from '../format.js';
import { t } from '../i18n.js';
import type { ShowSummary } from '../types.js';
import { useApi } from '../useApi.js';

const STATE_WORDS = { queued: t('queued'), running: t('running'), succeeded: t('done'), failed: t('failed'), interrupted: t('interrupted') } as const;

export function ShowsPage() {
  const shows = useApi<{ shows: ShowSummary[] }>('/shows');
  const rows = shows.data?.shows ?? [];
  return (
    <main>
      <h1>{t('shows')}</h1>
      {shows.error ? <p class="error" role="alert">{shows.error}</p> : null}
      {shows.loading && !shows.data ? <p class="muted">{t('loading')}</p> : null}
      {shows.data && rows.length === 0 ? <p class="muted">{t('noShows')}</p> : null}
      {rows.length > 0 ? (
        <table class="shows">
          <thead>
            <tr>
              <th>{t('show')}</th>
              <th>{t('channel')}</th>
              <th>{t('aired')}</th>
              <th>{t('length')}</th>
              <th>{t('status')}</th>
              <th class="num">{t('clipsColumn')}</th>
              <th class="num">{t('score')}</th>
              <th class="num">{t('gmv')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((show) => (
              <tr>
                <td>
                  <a href={showHref(show.showId)}>{show.title}</a>
                  <div class="muted small">{show.showId}</div>
                </td>
                <td>{show.channel ?? '—'}</td>
                <td>{date(show.airedAt)}</td>
                <td>{formatLength(show.duration)}</td>
                <td>
                  <span class={`badge state-${show.state}`}>{STATE_WORDS[show.state]}</span>
                  {show.error ? <div class="error small">{show.error}</div> : null}
                </td>
                <td class="num">{show.clips}</td>
                <td class="num">{show.score ?? '—'}</td>
                <td class="num">{show.gmv === undefined || show.gmv === null ? '—' : show.gmv.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}

function formatLength(total: number): string {
  const minutes = Math.round(total / 60);
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : minutes > 0 ? `${minutes} min` : `${Math.round(total)} s`;
}
