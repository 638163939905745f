/**
 * The glossary on the models page (术语表): the shipped glossary's version and counts (by kind, by
 * provenance, usable in this library), the firm's imported files with Remove (asked to confirm),
 * and importing a CSV.
 */
import { useState } from 'react';
import type { Api } from '../../../../electron/contract/api';
import type { GlossaryStatus } from '../../../../electron/contract/glossary-types';
import { formatCount, formatDateTime } from '../../format';
import { useGlossary, type GlossaryView } from '../../hooks/use-glossary';
import { GLOSSARY_STRINGS as T } from './glossary-strings';
import { GlossaryImport } from './glossary-import';
import './glossary.css';
import { errorText } from '../../api/api-error';

const KINDS = ['crime', 'doctrine', 'defined-term', 'term'] as const;

function BuiltinFacts({ status }: { status: GlossaryStatus }) {
  const { builtin } = status;
  const facts: [string, string, number][] = [
    ['entries', T.entries, builtin.entries],
    ['mined', T.mined, builtin.mined],
    ['hand-written', T.handWritten, builtin.handWritten],
    ['usable', T.usable, status.usable],
  ];
  return (
    <>
      <h4>{T.builtinTitle(status.version)}</h4>
      <dl className="glossary-facts" data-testid="glossary-builtin">
        {facts.map(([key, label, n]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd data-testid={`glossary-count-${key}`}>{formatCount(n)}</dd>
          </div>
        ))}
      </dl>
      <p className="glossary-kinds" data-testid="glossary-kinds">
        {T.byKind(KINDS.filter((k) => builtin.byKind[k] > 0).map((k) => `${T.kindNames[k]} ${formatCount(builtin.byKind[k])}`))}
      </p>
    </>
  );
}

function RemoveButton({ view, file }: { view: GlossaryView; file: string }) {
  const [asking, setAsking] = useState(false);
  if (view.busy?.action === 'remove' && view.busy.file === file) return <span className="muted" role="status">{T.removing}</span>;
  if (!asking) {
    return (
      <button type="button" className="versions__button versions__button--quiet" disabled={view.busy !== null} onClick={() => setAsking(true)} data-testid="glossary-file-remove">
        {T.remove}
      </button>
    );
  }
  return (
    <span className="glossary-files__confirm" role="group" aria-label={T.removeConfirm(file)}>
      <span>{T.removeConfirm(file)}</span>
      <button type="button" className="versions__button" autoFocus onClick={() => view.remove(file)} data-testid="glossary-file-remove-confirm">
        {T.removeYes}
      </button>
      <button type="button" className="versions__button versions__button--quiet" onClick={() => setAsking(false)} data-testid="glossary-file-remove-cancel">
        {T.removeNo}
      </button>
    </span>
  );
}

function FirmFiles({ view, files }: { view: GlossaryView; files: GlossaryStatus['firm'] }) {
  if (files.length === 0) return <p className="models-card__hint" data-testid="glossary-firm-none">{T.firmNone}</p>;
  return (
    <table className="models-table" data-testid="glossary-files">
      <thead>
        <tr>
          <th scope="col">{T.colFile}</th>
          <th scope="col" className="num">{T.colRows}</th>
          <th scope="col" className="num">{T.colTerms}</th>
          <th scope="col">{T.colImported}</th>
          <th scope="col"><span className="visually-hidden">{T.remove}</span></th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={f.file} data-testid="glossary-file" data-file={f.file}>
            <th scope="row"><code>{f.file}</code></th>
            <td className="num" data-testid="glossary-file-rows">{formatCount(f.rows)}</td>
            <td className="num" data-testid="glossary-file-terms">{formatCount(f.terms)}</td>
            <td>{formatDateTime(f.importedAt)}</td>
            <td><RemoveButton key={f.file} view={view} file={f.file} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function GlossarySection({ api }: { api: Api }) {
  const view = useGlossary(api);
  const { status, failure, outcome } = view;
  return (
    <section className="models-card" aria-labelledby="models-glossary" data-testid="glossary-section">
      <h3 id="models-glossary">{T.title}</h3>
      <p className="models-card__hint">{T.lead}</p>
      {failure && (
        <div className="error-banner" role="alert" data-testid="glossary-error" data-code={failure.code}>
          <strong>{T.loadFailed}</strong>
          <span>{errorText(failure)}</span>
        </div>
      )}
      {!status && !failure && <p className="models-card__hint">{T.loading}</p>}
      {status && <BuiltinFacts status={status} />}
      <h4>{T.firmTitle}</h4>
      {status && <FirmFiles view={view} files={status.firm} />}
      {outcome?.kind === 'removed' && (
        <p className="models-card__hint" role="status" data-testid="glossary-removed">{T.removed(outcome.file, outcome.rows)}</p>
      )}
      {outcome?.kind === 'failed' && (
        <div className="error-banner" role="alert" data-testid="glossary-action-error" data-code={outcome.error.code}>
          <strong>{T.actionFailed}</strong>
          <span>{errorText(outcome.error)}</span>
        </div>
      )}
      <GlossaryImport view={view} />
    </section>
  );
}
