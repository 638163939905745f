/** Importing the user's own statutes: a file, a folder, or a path; a progress bar; the report. */
import { useRef, useState, type ChangeEvent } from 'react';
import type { Api } from '../../../../electron/contract/api';
import type { ImportJobView } from '../../../../electron/contract/models-types';
import type { ImportReport } from '../../../../electron/contract/types';
import { formatCount, formatEta, percent } from '../../format';
import { UPLOAD_LIMIT_BYTES, useStatuteImport, type ChosenFile } from '../../hooks/use-statute-import';
import { STRINGS } from '../../strings';
import { MODELS_STRINGS as T } from './models-strings';
import { errorText } from '../../api/api-error';

/** Seconds from start to finish as the user waited (the worker's start-up included). */
function elapsedSeconds(job: ImportJobView): string {
  const ms = job.startedAt && job.finishedAt ? Date.parse(job.finishedAt) - Date.parse(job.startedAt) : (job.report?.tookMs ?? 0);
  return (ms / 1000).toFixed(1);
}

const mb = (bytes: number): string => (bytes / 1048576).toFixed(bytes < 1048576 ? 2 : 1);

function Report({ report }: { report: ImportReport }) {
  return (
    <div className="import-report" data-testid="import-report">
      <table className="models-table models-table--compact">
        <thead>
          <tr>
            <th />
            <th className="num">{T.reportAdded}</th>
            <th className="num">{T.reportUpdated}</th>
            <th className="num">{T.reportUnchanged}</th>
            <th className="num">{T.reportRemoved}</th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="report-laws">
            <th scope="row">{T.reportLaws}</th>
            <td className="num" data-testid="report-laws-added">{formatCount(report.lawsAdded)}</td>
            <td className="num">{formatCount(report.lawsUpdated)}</td>
            <td className="num">{formatCount(report.lawsUnchanged)}</td>
            <td className="num">—</td>
          </tr>
          <tr data-testid="report-articles">
            <th scope="row">{T.reportArticles}</th>
            <td className="num" data-testid="report-articles-added">{formatCount(report.articlesAdded)}</td>
            <td className="num">{formatCount(report.articlesUpdated)}</td>
            <td className="num">—</td>
            <td className="num">{formatCount(report.articlesRemoved)}</td>
          </tr>
        </tbody>
      </table>
      {report.skipped.length > 0 && (
        <details className="import-report__skipped" data-testid="report-skipped">
          <summary>{T.reportSkipped(report.skipped.length)}</summary>
          <ul>
            {report.skipped.map((s) => (
              <li key={s.file} data-testid="report-skipped-file">
                <code>{s.file}</code> <span className="muted">{s.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function JobProgress({ job }: { job: ImportJobView }) {
  const p = job.progress;
  const total = p?.total ?? 0;
  const pct = p ? percent(p.done, total) : null;
  return (
    <div className="indexing" data-testid="import-progress">
      <strong>{T.importRunning(job.source ?? '')}</strong>
      <progress
        className="import__bar"
        data-testid="import-bar"
        aria-label={T.importProgressLabel}
        max={total > 0 ? total : undefined}
        value={total > 0 ? Math.min(p!.done, total) : undefined}
      />
      <p className="import__detail">
        {p && <span data-testid="import-phase">{T.importPhases[p.phase] ?? p.phase}</span>}
        {p && total > 1 && <span>{STRINGS.importCounts(p.done, total)}</span>}
        {pct !== null && <span>{pct}%</span>}
        {p?.etaMs != null && <span>{STRINGS.etaLabel(formatEta(p.etaMs))}</span>}
      </p>
    </div>
  );
}

/** Files from an <input type=file>, with their paths inside a chosen folder. */
function chosenFiles(e: ChangeEvent<HTMLInputElement>): ChosenFile[] {
  return Array.from(e.target.files ?? []).map((f) => ({ path: f.webkitRelativePath || f.name, file: f }));
}

export function StatuteImport({ api, onImported }: { api: Api; onImported: () => void }) {
  const view = useStatuteImport(api, { onDone: onImported });
  const [path, setPath] = useState('');
  const [category, setCategory] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const { job, reading, uploading, failure, tooLarge } = view;
  const running = reading || job?.state === 'running';
  const cat = category.trim() || undefined;
  const showJob = !failure && tooLarge === null; // a newer refusal replaces the last job's outcome

  const onFiles = (e: ChangeEvent<HTMLInputElement>) => {
    const files = chosenFiles(e);
    e.target.value = ''; // choosing the same file again imports again
    if (files.length > 0) view.importFiles(files, cat);
  };

  return (
    <section className="models-card" aria-labelledby="models-import" data-testid="statute-import" data-state={reading ? 'reading' : (job?.state ?? 'idle')}>
      <h3 id="models-import">{T.importTitle}</h3>
      <p className="models-card__hint">{T.importLead}</p>

      <div className="import-form">
        <div className="import-form__pick">
          <button type="button" className="versions__button" disabled={running} onClick={() => fileInput.current?.click()} data-testid="import-pick-file">
            {T.importFile}
          </button>
          <button type="button" className="versions__button" disabled={running} onClick={() => folderInput.current?.click()} data-testid="import-pick-folder">
            {T.importFolder}
          </button>
          <input ref={fileInput} type="file" hidden accept=".md,.jsonl,.csv,.gz" data-testid="import-file-input" onChange={onFiles} />
          {/* webkitdirectory: the browser gives every file with its path inside the folder. */}
          <input ref={folderInput} type="file" hidden multiple data-testid="import-folder-input" onChange={onFiles} {...{ webkitdirectory: '', directory: '' }} />
          <label className="import-form__category">
            <span>{T.importCategory}</span>
            <input value={category} onChange={(e) => setCategory(e.target.value)} placeholder={T.importCategoryPlaceholder} maxLength={100} data-testid="import-category" />
          </label>
        </div>
        <form
          className="import-form__path"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) view.importPath(path.trim(), cat);
          }}
        >
          <label htmlFor="import-path">{T.importPathLabel}</label>
          <input id="import-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder={T.importPathPlaceholder} data-testid="import-path" spellCheck={false} />
          <button type="submit" className="versions__button" disabled={running || !path.trim()} data-testid="import-path-submit">
            {T.importPathButton}
          </button>
        </form>
        <p className="models-card__hint models-card__hint--small">{T.importPathHint}</p>
      </div>

      {reading && !uploading && <p className="models-card__hint" data-testid="import-reading">{T.importReading}</p>}
      {uploading && (
        <div className="indexing" data-testid="import-uploading">
          <strong>{T.importUploading}</strong>
          <progress className="import__bar" data-testid="upload-bar" aria-label={T.importUploading} max={uploading.total} value={uploading.done} />
          <p className="import__detail">
            <span>{T.importUploaded(mb(uploading.done), mb(uploading.total))}</span>
          </p>
        </div>
      )}
      {job?.state === 'running' && <JobProgress job={job} />}
      {tooLarge !== null && (
        <div className="error-banner" role="alert" data-testid="import-error" data-code="PAYLOAD_TOO_LARGE">
          <span>{T.importTooLarge(mb(tooLarge), mb(UPLOAD_LIMIT_BYTES))}</span>
        </div>
      )}
      {failure && (
        <div className="error-banner" role="alert" data-testid="import-error" data-code={failure.code}>
          <span data-testid="import-error-message">{errorText(failure)}</span>
        </div>
      )}
      {showJob && !running && job?.state === 'failed' && job.error && (
        <div className="error-banner" role="alert" data-testid="import-error" data-code={job.error.code}>
          <strong>{T.importFailed}</strong>
          <span data-testid="import-error-message">{errorText(job.error)}</span>
        </div>
      )}
      {showJob && !running && job?.state === 'done' && job.report && (
        <div className="import-done" data-testid="import-done">
          <p className="import-done__title">
            <strong>{T.importDone(job.source ?? job.report.source)}</strong>
            <span className="muted">{T.reportTook(elapsedSeconds(job))}</span>
          </p>
          <Report report={job.report} />
          {job.report.articlesAdded + job.report.articlesUpdated > 0 && <p className="models-card__hint">{T.reportIndexing}</p>}
        </div>
      )}
    </section>
  );
}
