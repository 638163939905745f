/**
 * The app shell: header, then whichever screen the backbone's state calls for — progress while the
 * first-run import runs, the error screen when the library cannot be used, else the search.
 */
import type { Api } from '../../electron/contract/api';
import { BackbonePanel } from './components/backbone-panel';
import { ErrorScreen } from './components/error-screen';
import { FoldersPanel } from './components/folders-panel';
import { ImportProgress } from './components/import-progress';
import { SearchPanel } from './components/search-panel';
import { useAppStatus, type AppStatusView } from './hooks/use-app-status';
import { FoldersContext, useFolders } from './hooks/use-folders';
import { STRINGS } from './strings';

function Screen({ api, view }: { api: Api; view: AppStatusView }) {
  const { status, failure } = view;
  if (status?.state === 'error') {
    return <ErrorScreen error={status.error ?? { code: 'INTERNAL', message: STRINGS.errorHintGeneric }} />;
  }
  if (failure) return <ErrorScreen error={failure} />;
  if (!status) return <p className="notice">{STRINGS.connecting}</p>;
  if (status.state === 'importing') return <ImportProgress progress={status.progress} />;
  return <SearchPanel api={api} />;
}

export function App({ api }: { api: Api }) {
  const view = useAppStatus(api);
  // data-state lets tests (and styles) see which screen the backbone's status selected.
  const state = view.status?.state ?? (view.failure ? 'unreachable' : 'connecting');
  const folders = useFolders(api, state === 'ready');
  return (
    <FoldersContext.Provider value={folders}>
      <div className="app" data-testid="app" data-state={state}>
        <header className="app__header">
          <h1>{STRINGS.appTitle}</h1>
          <p className="app__tagline">{STRINGS.tagline}</p>
        </header>
        {/* Research folders fold away under the header; pin actions on results share their state. */}
        {state === 'ready' && <FoldersPanel api={api} view={folders} />}
        <main className="app__main">
          <Screen api={api} view={view} />
        </main>
        {/* Below the search, out of its way: which models and budgets serve (for whoever administers it). */}
        {state === 'ready' && (
          <footer className="app__footer">
            <BackbonePanel api={api} />
          </footer>
        )}
      </div>
    </FoldersContext.Provider>
  );
}
