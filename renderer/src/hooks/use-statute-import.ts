/**
 * Importing the user's statutes: from a path on the backbone's machine, or from files chosen in the
 * page, read as base64 and sent within the HTTP body limit: in one request when they fit, else
 * staged piece by piece with uploadStatutes (a large file split into pieces) and then imported as
 * one source. While the import runs, `importStatus` is polled for the progress bar; at the end the
 * report or the error stays shown.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { ImportJobView, UploadedFile } from '../../../electron/contract/models-types';
import { asApiError, type ApiError } from '../api/api-error';

/** The server takes 1 MiB of JSON per request; keep a margin for the rest of the body. */
const REQUEST_BUDGET = 1024 * 1024 - 8 * 1024;
/** Raw bytes of one piece of a file (its base64 is 4/3 as long). */
const PIECE_BYTES = 600 * 1024;
/** The importer refuses sources over 64 MB (MAX_SOURCE_BYTES in the backbone). */
export const UPLOAD_LIMIT_BYTES = 64 * 1024 * 1024;

interface Piece {
  path: string;
  blob: Blob;
  append: boolean;
}

/** JSON bytes a piece costs in a request: its base64, its path (CJK is 3 bytes a character, escapes double it) and the keys. */
const cost = (p: Piece): number => Math.ceil(p.blob.size / 3) * 4 + p.path.length * 6 + 64;

/** The chosen files cut into pieces and packed into requests that each fit the body limit. */
function packRequests(chosen: ChosenFile[]): Piece[][] {
  const pieces: Piece[] = [];
  for (const c of chosen) {
    if (c.file.size === 0) pieces.push({ path: c.path, blob: c.file, append: false });
    for (let at = 0; at < c.file.size; at += PIECE_BYTES) pieces.push({ path: c.path, blob: c.file.slice(at, at + PIECE_BYTES), append: at > 0 });
  }
  const requests: Piece[][] = [];
  let current: Piece[] = [];
  let used = 0;
  for (const p of pieces) {
    if (current.length > 0 && (used + cost(p) > REQUEST_BUDGET || current.length >= 500)) {
      requests.push(current);
      current = [];
      used = 0;
    }
    current.push(p);
    used += cost(p);
  }
  if (current.length > 0) requests.push(current);
  return requests;
}

export interface ChosenFile {
  /** Relative path inside a chosen folder (webkitRelativePath), else the file name. */
  path: string;
  file: Blob;
}

export interface StatuteImportView {
  job: ImportJobView | null;
  /** Reading the chosen files, before the request is sent. */
  reading: boolean;
  /** Bytes sent so far of a selection staged over several requests. */
  uploading: { done: number; total: number } | null;
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
  const [uploading, setUploading] = useState<{ done: number; total: number } | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [tooLarge, setTooLarge] = useState<number | null>(null);
  const alive = useRef(true);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const doneRef = useRef(onDone);
  doneRef.current = onDone;
  // onDone is for an import this hook saw running (or started), not one that ended before it mounted.
  const watching = useRef(false);

  const poll = useCallback(async (): Promise<void> => {
    try {
      const view = await api.importStatus({});
      if (!alive.current) return;
      setJob(view);
      if (view.state === 'running') {
        watching.current = true;
        timer.current = setTimeout(() => void poll(), pollMs);
      } else if (watching.current) {
        watching.current = false;
        doneRef.current?.(view);
      }
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
        watching.current = true;
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
      const requests = packRequests(chosen);
      const encode = (pieces: Piece[]) =>
        Promise.all(pieces.map(async (p): Promise<UploadedFile & { append?: boolean }> => ({ path: p.path, base64: await toBase64(p.blob), ...(p.append ? { append: true } : {}) })));
      const send = async (): Promise<void> => {
        if (requests.length === 1 && requests[0]!.every((p) => !p.append)) {
          const files = await encode(requests[0]!);
          return run(() => api.importStatutes({ files, ...(category ? { category } : {}) }));
        }
        let uploadId: string | undefined;
        let done = 0;
        setUploading({ done, total });
        for (const pieces of requests) {
          const staged = await api.uploadStatutes({ ...(uploadId ? { uploadId } : {}), files: await encode(pieces) });
          uploadId = staged.uploadId;
          done += pieces.reduce((n, p) => n + p.blob.size, 0);
          if (alive.current) setUploading({ done, total });
        }
        return run(() => api.importStatutes({ uploadId: uploadId!, ...(category ? { category } : {}) }));
      };
      setFailure(null);
      setTooLarge(null);
      void send()
        .catch((e: unknown) => alive.current && setFailure(asApiError(e)))
        .finally(() => {
          if (!alive.current) return;
          setReading(false);
          setUploading(null);
        });
    },
    [api, run],
  );

  return { job, reading, uploading, failure, tooLarge, importPath, importFiles };
}
