/**
 * Importing a firm's glossary CSV on the models page: the format in one line, a file input, a
 * busy state while the file is read and sent, then what was imported — or, when the file was
 * refused, every bad line ("第 N 行：…") and that nothing was imported.
 */
import { useRef, type ChangeEvent } from 'react';
import type { GlossaryView } from '../../hooks/use-glossary';
import { GLOSSARY_STRINGS as T } from './glossary-strings';

const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);

function Outcome({ outcome }: { outcome: NonNullable<GlossaryView['outcome']> }) {
  switch (outcome.kind) {
    case 'imported':
      return (
        <div className="glossary-done" role="status" data-testid="glossary-import-done">
          <strong>{T.importDone(outcome.report.file, outcome.report.rows, outcome.report.terms)}</strong>
          {outcome.report.replaced > 0 && <span> {T.importReplaced(outcome.report.replaced)}</span>}
        </div>
      );
    case 'refused':
      return (
        <div className="error-banner" role="alert" data-testid="glossary-import-refused">
          <strong>{T.importRefused(outcome.report.file, outcome.report.errors.length)}</strong>
          <ul className="glossary-import__errors">
            {outcome.report.errors.map((e, i) => (
              <li key={`${e.line}-${i}`} data-testid="glossary-import-error" data-line={e.line}>
                {T.errorLine(e.line, T.rowErrors[e.code]?.(e.detail) ?? e.message)}
              </li>
            ))}
          </ul>
        </div>
      );
    case 'too-large':
      return (
        <div className="error-banner" role="alert" data-testid="glossary-import-refused" data-code="PAYLOAD_TOO_LARGE">
          <span>{T.importTooLarge(mb(outcome.bytes))}</span>
        </div>
      );
    default:
      return null; // removals and failed calls are shown beside the list
  }
}

export function GlossaryImport({ view }: { view: GlossaryView }) {
  const input = useRef<HTMLInputElement>(null);
  const importing = view.busy?.action === 'import';
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ''; // choosing the same file again imports it again
    if (file) view.importFile(file);
  };
  return (
    <div className="glossary-import" data-testid="glossary-import" data-busy={importing}>
      <h4>{T.importTitle}</h4>
      <p className="models-card__hint" data-testid="glossary-import-format">{T.importFormat}</p>
      <div className="glossary-import__pick">
        <button type="button" className="versions__button" disabled={view.busy !== null} onClick={() => input.current?.click()} data-testid="glossary-import-pick">
          {T.importPick}
        </button>
        <input ref={input} type="file" hidden accept=".csv,text/csv" data-testid="glossary-import-input" onChange={onFile} />
        {importing && (
          <span className="muted" role="status" data-testid="glossary-import-busy">
            {T.importBusy(view.busy!.file)}
          </span>
        )}
      </div>
      {view.outcome && <Outcome outcome={view.outcome} />}
    </div>
  );
}
