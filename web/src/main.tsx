/** The workspace app: reads /config.json, signs in where the server asks for it, and routes between the pages. */
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import './app.css';
import { configureApi } from './api.js';
import { chooseLanguage, t, uiLanguage } from './i18n.js';
import { finishSignIn } from './cognitoLogin.js';
import { loadConfig } from './config.js';
import { ClipPage } from './pages/ClipPage.js';
import { ClipsPage } from './pages/ClipsPage.js';
import { ShowPage } from './pages/ShowPage.js';
import { ShowsPage } from './pages/ShowsPage.js';
import { SuggestionsPage } from './pages/SuggestionsPage.js';
import { interceptLinks, navigate, useLocation } from './router.js';

function App() {
  const { path } = useLocation();
  const parts = path.split('/').filter((part) => part !== '').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  const [first, second, third] = parts;
  let page;
  let title = t('clips');
  if (first === 'clips' && second !== undefined && third !== undefined) {
    page = <ClipPage key={`${second}/${third}`} showId={second} clipId={third} />;
    title = t('clip');
  } else if (first === 'shows' && second !== undefined) {
    page = <ShowPage key={second} showId={second} />;
    title = t('show');
  } else if (first === 'shows') {
    page = <ShowsPage />;
    title = t('shows');
  } else if (first === 'suggestions') {
    page = <SuggestionsPage />;
    title = t('suggestions');
  } else if (first === undefined) {
    page = <ClipsPage />;
  } else {
    page = <main><p>{t('noSuchPage')} <a href="/">{t('backToClips')}</a></p></main>;
    title = t('notFound');
  }
  useEffect(() => {
    document.title = `${title} — postshow`;
  }, [title]);
  const current = first === 'shows' ? 'shows' : first === 'suggestions' ? 'suggestions' : 'clips';
  return (
    <>
      <header class="topbar">
        <a href="/" class="brand">postshow</a>
        <nav aria-label="Main">
          <a href="/" aria-current={current === 'clips' ? 'page' : undefined}>{t('clips')}</a>
          <a href="/shows" aria-current={current === 'shows' ? 'page' : undefined}>{t('shows')}</a>
          <a href="/suggestions" aria-current={current === 'suggestions' ? 'page' : undefined}>{t('suggestions')}</a>
        </nav>
        <button type="button" class="language" onClick={() => chooseLanguage(uiLanguage === 'zh' ? 'en' : 'zh')} lang={uiLanguage === 'zh' ? 'en' : 'zh-CN'}>
          {uiLanguage === 'zh' ? t('englishPick') : t('chinesePick')}
        </button>
      </header>
      {page}
    </>
  );
}

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  document.documentElement.lang = uiLanguage === 'zh' ? 'zh-CN' : 'en';
  const config = await loadConfig();
  configureApi(config);
  if (config.auth.kind === 'cognito' && location.pathname === config.auth.redirectPath) {
    navigate(await finishSignIn(config.auth), true);
  }
  interceptLinks(root);
  render(<App />, root);
}

start().catch((error: unknown) => {
  document.getElementById('app')!.textContent = `${t('couldNotStart')} ${error instanceof Error ? error.message : String(error)}`;
});
