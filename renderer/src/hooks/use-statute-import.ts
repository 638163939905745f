/**
 * Importing the user's statutes: from a path on the backbone's machine, or from files chosen in the
 * page (read as base64 and sent in one request, within the HTTP body limit). While the import runs,
 * `importStatus` is polled for the progress bar; at the end the report or the error stays shown.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { ImportJobView, UploadedFile } from '../../../electron/contract/models-types';
import { asApiError, type ApiError } from '../api/api-error';

/** What one request may carry: the server takes 1 MiB of JSON; base64 is 4/3 of the bytes. */
export const UPLOAD_LIMIT_BYTES = Math.floor(((1024 * 1024 - 16 * 1024) * 3) / 4);

export interface ChosenFile {
  /** Relative path inside a chosen folder (webkitRelativePath), else the file name. */
  path: string;
  file: Blob;
}

export interface StatuteImportView {
  job: ImportJobView | null;
  /** Reading the chosen files, before the request is sent. */
  reading: boolean;
  /** A refusal before the import started (bad path, too large, unsupported type) or a failed call. */
  failure: ApiError | null;
  /** Total bytes of a selection that was too large to upload. */
  tooLarge: number | null;
  importPath: (path: string, category?: string) => void;
  importFiles: (files: ChosenFile[], category?: string) => void;
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function useStatuteImport(api: Api, { pollMs = 300, onDone }: { pollMs?: number; onDone?: (job: ImportJobView) => void } = {}): StatuteImportView {
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [reading, setReading] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [tooLarge, setTooLarge] = useState<number | null>(null);
  const alive = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const doneRef = useRef(onDone);
  doneRef.current = onDone;

  const poll = useCallback(async (): Promise<void> => {
    try {
      const view = await api.importStatus({});
      if (!alive.current) return;
      setJob(view);
      if (view.state === 'running') timer.current = setTimeout(() => void poll(), pollMs);
      else doneRef.current?.(view);
    } catch (e) {
      if (alive.current) setFailure(asApiError(e));
    }
  }, [api, pollMs]);

  useEffect(() => {
    alive.current = true;
    void poll(); // an import started earlier (another window) is shown too
    return () => {
      alive.current = false;
      clearTimeout(timer.current);
    };
  }, [poll]);

  const run = useCallback(
    async (request: () => Promise<ImportJobView>) => {
      setFailure(null);
      setTooLarge(null);
      try {
        const started = await request();
        if (!alive.current) return;
        setJob(started);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void poll(), pollMs);
      } catch (e) {
        if (alive.current) setFailure(asApiError(e));
      }
    },
    [poll, pollMs],
  );

  const importPath = useCallback(
    (path: string, category?: string) => void run(() => api.importStatutes({ path, ...(category ? { category } : {}) })),
    [api, run],
  );

  const importFiles = useCallback(
    (chosen: ChosenFile[], category?: string) => {
      const total = chosen.reduce((n, c) => n + c.file.size, 0);
      if (total > UPLOAD_LIMIT_BYTES) {
        setFailure(null);
        setTooLarge(total);
        return;
      }
      setReading(true);
      void Promise.all(chosen.map(async (c): Promise<UploadedFile> => ({ path: c.path, base64: await toBase64(c.file) })))
        .then((files) => run(() => api.importStatutes({ files, ...(category ? { category } : {}) })))
        .catch((e: unknown) => alive.current && setFailure(asApiError(e)))
        .finally(() => alive.current && setReading(false));
    },
    [api, run],
  );

  return { job, reading, failure, tooLarge, importPath, importFiles };
}
