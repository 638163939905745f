/**
 * The app shell: header with the page tabs (and the background index build), then whichever screen
 * the backbone's state calls for — the first-run screen while the bundled statutes import, the error screen when the library cannot be used,
 * else the page the route names (search, an article, deep research, folders, feedback, connecting an AI assistant, models, evaluation).
 */
import { lazy, Suspense, useMemo } from 'react';
import type { Api } from '../../electron/contract/api';
import { AppNav } from './components/app-nav';
import { ArticlePage } from './components/article-page';
import { AssistantPage } from './components/assistant/assistant-page';
import { ErrorScreen } from './components/error-screen';
import { EvalPage } from './components/eval/eval-page';
import { FoldersPanel } from './components/folders-panel';
import { FeedbackPage } from './components/feedback/feedback-page';
import { ResearchPage } from './components/research-page';
import { FirstRunScreen } from './components/first-run-screen';
import { IndexIndicator } from './components/index-indicator';
import { SearchMissingModels } from './components/models/missing-models-banner';
import { ModelsPage } from './components/models/models-page';
import { SearchPanel } from './components/search-panel';
import { useAppStatus, type AppStatusView } from './hooks/use-app-status';
import { useDesktopShell } from './hooks/use-desktop-shell';
import { useIndexProgress, type IndexProgressView } from './hooks/use-index-progress';
import { ModelsStatusContext } from './hooks/use-models-status';
import { ModelsStatusStore } from './hooks/models-status-store';
import { FoldersContext, useFolders, type FoldersView } from './hooks/use-folders';
import { useLang } from './hooks/use-lang';
import { useRoute, type Route } from './hooks/use-route';
import { STRINGS } from './strings';

/** The documentation (the README and its renderer) loads only when opened: it is a third of the bundle. */
const HelpPage = lazy(() => import('./components/help/help-page').then((m) => ({ default: m.HelpPage })));

function RoutedPage({ api, route, folders }: { api: Api; route: Route; folders: FoldersView }) {
  switch (route.page) {
    case 'folders':
      return <FoldersPanel api={api} view={folders} />;
    case 'feedback':
      return <FeedbackPage api={api} />;
    case 'assistant':
      return <AssistantPage api={api} />;
    case 'models':
      return <ModelsPage api={api} route={route} />;
    case 'eval':
      return <EvalPage api={api} route={route} />;
    case 'article':
      return <ArticlePage api={api} param={route.params[0]} />;
    case 'research':
      return <ResearchPage api={api} route={route} />;
    default:
      return (
        <>
          <SearchMissingModels api={api} />
          <SearchPanel api={api} route={route} />
        </>
      );
  }
}

function Screen({ api, view, route, folders, index }: { api: Api; view: AppStatusView; route: Route; folders: FoldersView; index: IndexProgressView }) {
  const { status, failure } = view;
  // The documentation needs no library: it shows whatever state the backbone is in.
  if (route.page === 'help') {
    return (
      <Suspense fallback={null}>
        <HelpPage />
      </Suspense>
    );
  }
  if (status?.state === 'error') {
    return <ErrorScreen api={api} error={status.error ?? { code: 'INTERNAL', message: STRINGS.errorHintGeneric }} />;
  }
  if (failure) return <ErrorScreen error={failure} />;
  if (!status) return <p className="notice">{STRINGS.connecting}</p>;
  if (status.state === 'importing') return <FirstRunScreen progress={status.progress} index={index} />;
  return <RoutedPage api={api} route={route} folders={folders} />;
}

export function App({ api }: { api: Api }) {
  // One `models` poller for the header, the missing-model banner and the models page.
  const models = useMemo(() => new ModelsStatusStore(api), [api]);
  return (
    <ModelsStatusContext.Provider value={models}>
      <Shell api={api} />
    </ModelsStatusContext.Provider>
  );
}

function Shell({ api }: { api: Api }) {
  const lang = useLang();
  const route = useRoute();
  const view = useAppStatus(api);
  // data-state lets tests (and styles) see which screen the backbone's status selected.
  const state = view.status?.state ?? (view.failure ? 'unreachable' : 'connecting');
  const folders = useFolders(api, state === 'ready');
  // The semantic index builds in the background after the first import: the header follows it.
  const index = useIndexProgress(api, state);
  useDesktopShell(lang);
  return (
    <FoldersContext.Provider value={folders}>
      <div className="app" data-testid="app" data-state={state} data-page={route.page} data-lang={lang}>
        <header className="app__header">
          <div className="app__brand">
            <h1>{STRINGS.appTitle}</h1>
            <p className="app__tagline">{STRINGS.tagline}</p>
          </div>
          {state === 'ready' && <IndexIndicator index={index} />}
          <AppNav page={route.page} lang={lang} tabs={state === 'ready'} />
        </header>
        <main className="app__main">
          <Screen api={api} view={view} route={route} folders={folders} index={index} />
        </main>
      </div>
    </FoldersContext.Provider>
  );
}
