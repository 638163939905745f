/**
 * Under a database error: the three things to do, the file and its folder (from the `locations`
 * API, so it works in web mode too), a button that shows the folder in the file manager (desktop
 * app) or copies the path (browser), and a word that the research folders are safe.
 */
import { useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { DataLocations } from '../../../electron/contract/shell-types';
import { useApiQuery } from '../hooks/use-api-query';
import { desktopShell } from '../hooks/use-desktop-shell';
import { SHELL_STRINGS as S } from './shell-strings';
import './shell.css';

function PathActions({ locations }: { locations: DataLocations }) {
  const shell = desktopShell();
  // A key, not the words: a language switch re-renders the note in the other language.
  const [note, setNote] = useState<'revealFailed' | 'copied' | null>(null);

  if (shell) {
    const reveal = async () => setNote((await shell.reveal('data-folder')) ? null : 'revealFailed');
    return (
      <div className="db-help__actions">
        <button type="button" className="db-help__button" data-testid="reveal-data-folder" onClick={() => void reveal()}>
          {S.revealFolder}
        </button>
        {note && <span className="db-help__note" role="status">{S[note]}</span>}
      </div>
    );
  }

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(locations.dbPath);
      setNote('copied');
    } catch {
      // No clipboard (an insecure context): select the path so Ctrl+C copies it.
      const el = document.querySelector('[data-testid="db-path"]');
      if (el) window.getSelection()?.selectAllChildren(el);
    }
  };
  return (
    <div className="db-help__actions">
      <button type="button" className="db-help__button" data-testid="copy-db-path" onClick={() => void copy()}>
        {S.copyPath}
      </button>
      {note && <span className="db-help__note" role="status">{S[note]}</span>}
    </div>
  );
}

export function DbErrorHelp({ api }: { api: Api }) {
  // A failure shows nothing here: the error message above still names the file.
  const locations = useApiQuery((o) => api.locations({}, o), [api]).data;

  return (
    <div className="db-help" data-testid="db-help">
      <p className="db-help__title">{S.dbStepsTitle}</p>
      <ol className="db-help__steps">
        {S.dbSteps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {locations && (
        <>
          <dl className="db-help__paths">
            <dt>{S.dbFileLabel}</dt>
            <dd><code className="db-help__path" data-testid="db-path">{locations.dbPath}</code></dd>
            <dt>{S.dbFolderLabel}</dt>
            <dd><code className="db-help__path" data-testid="db-folder">{locations.dataDir}</code></dd>
          </dl>
          <PathActions locations={locations} />
        </>
      )}
      <p className="db-help__safe">{S.dbResearchSafe}</p>
    </div>
  );
}
