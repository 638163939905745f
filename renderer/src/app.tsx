/**
 * The app shell: header with the page tabs, then whichever screen the backbone's state calls for —
 * progress while the first-run import runs, the error screen when the library cannot be used,
 * else the page the route names (search, an article, deep research, folders, models, evaluation).
 */
import type { Api } from '../../electron/contract/api';
import { AppNav } from './components/app-nav';
import { ErrorScreen } from './components/error-screen';
import { FoldersPanel } from './components/folders-panel';
import { ImportProgress } from './components/import-progress';
import { SearchMissingModels } from './components/models/missing-models-banner';
import { ModelsPage } from './components/models/models-page';
import { SearchPanel } from './components/search-panel';
import { useAppStatus, type AppStatusView } from './hooks/use-app-status';
import { FoldersContext, useFolders, type FoldersView } from './hooks/use-folders';
import { useLang } from './hooks/use-lang';
import { useRoute, type Route } from './hooks/use-route';
import { STRINGS } from './strings';

function RoutedPage({ api, route, folders }: { api: Api; route: Route; folders: FoldersView }) {
  switch (route.page) {
    case 'folders':
      return <FoldersPanel api={api} view={folders} />;
    case 'models':
      return <ModelsPage api={api} />;
    default:
      return (
        <>
          <SearchMissingModels api={api} />
          <SearchPanel api={api} />
        </>
      );
  }
}

function Screen({ api, view, route, folders }: { api: Api; view: AppStatusView; route: Route; folders: FoldersView }) {
  const { status, failure } = view;
  if (status?.state === 'error') {
    return <ErrorScreen error={status.error ?? { code: 'INTERNAL', message: STRINGS.errorHintGeneric }} />;
  }
  if (failure) return <ErrorScreen error={failure} />;
  if (!status) return <p className="notice">{STRINGS.connecting}</p>;
  if (status.state === 'importing') return <ImportProgress progress={status.progress} />;
  return <RoutedPage api={api} route={route} folders={folders} />;
}

export function App({ api }: { api: Api }) {
  const lang = useLang();
  const route = useRoute();
  const view = useAppStatus(api);
  // data-state lets tests (and styles) see which screen the backbone's status selected.
  const state = view.status?.state ?? (view.failure ? 'unreachable' : 'connecting');
  const folders = useFolders(api, state === 'ready');
  return (
    <FoldersContext.Provider value={folders}>
      <div className="app" data-testid="app" data-state={state} data-page={route.page} data-lang={lang}>
        <header className="app__header">
          <div className="app__brand">
            <h1>{STRINGS.appTitle}</h1>
            <p className="app__tagline">{STRINGS.tagline}</p>
          </div>
          <AppNav page={route.page} lang={lang} tabs={state === 'ready'} />
        </header>
        <main className="app__main">
          <Screen api={api} view={view} route={route} folders={folders} />
        </main>
      </div>
    </FoldersContext.Provider>
  );
}
