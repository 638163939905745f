/**
 * The glossary section of the models page: the glossary's status, importing a firm's CSV (read as
 * text in the page and sent in one importGlossary call), and removing an imported file. After a
 * change the status is read again; the last outcome (imported, refused with its lines, removed, or
 * a failed call) stays shown until the next action.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import { GLOSSARY_CSV_MAX_CHARS, type GlossaryImportReport, type GlossaryStatus } from '../../../electron/contract/glossary-types';
import { asApiError, type ApiError } from '../api/api-error';

export type GlossaryOutcome =
  | { kind: 'imported'; report: GlossaryImportReport }
  | { kind: 'refused'; report: GlossaryImportReport }
  | { kind: 'removed'; file: string; rows: number }
  | { kind: 'too-large'; file: string; bytes: number }
  | { kind: 'failed'; error: ApiError };

export interface GlossaryView {
  status: GlossaryStatus | null;
  /** Reading the status failed. */
  failure: ApiError | null;
  /** The file being imported or removed, and which. */
  busy: { action: 'import' | 'remove'; file: string } | null;
  outcome: GlossaryOutcome | null;
  importFile: (file: File) => void;
  remove: (fileName: string) => void;
}

export function useGlossary(api: Api): GlossaryView {
  const [status, setStatus] = useState<GlossaryStatus | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<GlossaryView['busy']>(null);
  const [outcome, setOutcome] = useState<GlossaryOutcome | null>(null);
  const alive = useRef(true);

  const load = useCallback(async () => {
    try {
      const s = await api.glossary({});
      if (alive.current) {
        setStatus(s);
        setFailure(null);
      }
    } catch (e) {
      if (alive.current) setFailure(asApiError(e));
    }
  }, [api]);

  useEffect(() => {
    alive.current = true;
    void load();
    return () => {
      alive.current = false;
    };
  }, [load]);

  /** Runs one change with the busy state, then shows its outcome and reads the status again. */
  const act = useCallback(
    (action: 'import' | 'remove', file: string, work: () => Promise<GlossaryOutcome>) => {
      setBusy({ action, file });
      setOutcome(null);
      void work()
        .catch((e: unknown): GlossaryOutcome => ({ kind: 'failed', error: asApiError(e) }))
        .then(async (o) => {
          if (!alive.current) return;
          setOutcome(o);
          if (o.kind === 'imported' || o.kind === 'removed') await load();
        })
        .finally(() => alive.current && setBusy(null));
    },
    [load],
  );

  const importFile = useCallback(
    (file: File) =>
      act('import', file.name, async () => {
        const text = await file.text();
        if (text.length > GLOSSARY_CSV_MAX_CHARS) return { kind: 'too-large', file: file.name, bytes: file.size };
        const report = await api.importGlossary({ fileName: file.name, text });
        return { kind: report.errors.length > 0 ? 'refused' : 'imported', report };
      }),
    [act, api],
  );

  const remove = useCallback(
    (fileName: string) =>
      act('remove', fileName, async () => {
        const { removed } = await api.removeGlossaryFile({ fileName });
        return { kind: 'removed', file: fileName, rows: removed };
      }),
    [act, api],
  );

  return { status, failure, busy, outcome, importFile, remove };
}
