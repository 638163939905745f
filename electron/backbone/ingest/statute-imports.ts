import { createError, toApiError } from '../../contract/errors';
import type { ApiParsedRequest } from '../../contract/api';
import type { ImportJobView } from '../../contract/models-types';
import type { ImportReport } from '../../contract/types';
import { runImportJob } from './import-job';
import { checkImportPath } from './import-path';
import { randomUUID } from 'node:crypto';
import type { StagedUploadView } from '../../contract/models-types';
import { renameReport, stageUpload, UploadArea, type StagedUpload } from './upload-stage';
import { said } from '../../contract/said';

/** Staged uploads not imported within this time are dropped. */
const UPLOAD_TTL_MS = 30 * 60 * 1000;
const MAX_PENDING_UPLOADS = 4;

export interface StatuteImportsOptions {
  dbPath: string;
  workerPath: string;
  nativeBinding?: string;
  /** Called after a successful import (refresh caches, index the new articles). */
  onImported: (report: ImportReport) => void;
  /** Where uploads are staged (default: the OS temporary folder). */
  uploadDir?: string;
  /**
   * Called before the worker starts writing; the release it gives is called when the import has
   * ended (one writer at a time: the background indexing waits meanwhile).
   */
  holdWriters?: () => Promise<() => void>;
  /** Folders a path import must lie inside (a shared service); null or absent: any absolute path (the desktop app). */
  importRoots?: readonly string[] | null;
}

const IDLE: ImportJobView = { id: 0, state: 'idle', source: null, progress: null, report: null, error: null, startedAt: null, finishedAt: null };

/**
 * The user's own statute imports, one at a time, in the import worker (one transaction per source:
 * a malformed file leaves the library as it was). `start` checks the request at once — a bad path
 * or upload is refused before any work — then runs in the background; `view` is polled for the
 * progress and, at the end, the report or the error (with the user's file names, never the
 * temporary folder's).
 */
export class StatuteImports {
  private job: ImportJobView = IDLE;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();
  private readonly uploads = new Map<string, UploadArea>();

  constructor(private readonly opts: StatuteImportsOptions) {}

  start(req: ApiParsedRequest<'importStatutes'>): ImportJobView {
    // A bad path is refused first: "fix the path" helps more than "wait for the import".
    const checked = 'path' in req ? checkImportPath(req.path, this.opts.importRoots ?? null) : null;
    if (this.running) throw createError('IMPORT_RUNNING');
    let staged: StagedUpload | null = null;
    let source: string;
    let display: string;
    if ('path' in req) {
      source = checked!;
      display = req.path.trim();
    } else if ('uploadId' in req) {
      const area = this.uploads.get(req.uploadId);
      if (!area) throw createError('UPLOAD_INVALID', req.uploadId, said('this upload is unknown or has expired. Choose the files again.', '该上传不存在或已过期。请重新选择文件。'));
      staged = stageUpload(area, this.opts.uploadDir);
      this.uploads.delete(req.uploadId);
      source = staged.source;
      display = staged.display;
    } else {
      staged = stageUpload(req.files, this.opts.uploadDir);
      source = staged.source;
      display = staged.display;
    }
    const now = new Date().toISOString();
    this.job = { ...IDLE, id: this.job.id + 1, state: 'running', source: display, progress: { phase: 'starting', done: 0, total: 1, etaMs: null }, startedAt: now };
    const id = this.job.id;
    let release = (): void => undefined;
    this.running = (this.opts.holdWriters?.() ?? Promise.resolve(release))
      .then((r) => {
        release = r;
        return runImportJob(
          this.opts.workerPath,
          { dbPath: this.opts.dbPath, source, category: req.category, nativeBinding: this.opts.nativeBinding },
          (p) => {
            if (this.job.id === id) this.job = { ...this.job, progress: p };
          },
          this.abort.signal,
        );
      })
      .then((raw) => {
        const report = staged ? renameReport(raw, staged) : { ...raw, source: display };
        this.job = { ...this.job, state: 'done', progress: null, report, finishedAt: new Date().toISOString() };
        try {
          this.opts.onImported(report);
        } catch (e) {
          this.job = { ...this.job, error: toApiError(e) };
        }
      })
      .catch((e: unknown) => {
        let error = toApiError(e);
        if (staged) error = { ...error, message: staged.rename(error.message), messageZh: staged.rename(error.messageZh ?? error.message) };
        this.job = { ...this.job, state: 'failed', progress: null, error, finishedAt: new Date().toISOString() };
      })
      .finally(() => {
        release();
        staged?.cleanup();
        this.running = null;
      });
    return this.view();
  }

  /** Adds files (or pieces of them) to a staged upload, a new one without `uploadId`. */
  upload(req: ApiParsedRequest<'uploadStatutes'>): StagedUploadView {
    const now = Date.now();
    for (const [id, area] of this.uploads) if (now - area.touched > UPLOAD_TTL_MS) this.uploads.delete(id);
    let id = req.uploadId;
    let area = id ? this.uploads.get(id) : undefined;
    if (id && !area) throw createError('UPLOAD_INVALID', id, said('this upload is unknown or has expired. Choose the files again.', '该上传不存在或已过期。请重新选择文件。'));
    if (!area) {
      if (this.uploads.size >= MAX_PENDING_UPLOADS) {
        const oldest = [...this.uploads.entries()].sort((a, b) => a[1].touched - b[1].touched)[0]!;
        this.uploads.delete(oldest[0]);
      }
      id = randomUUID();
      area = new UploadArea();
    }
    area.add(req.files);
    this.uploads.set(id!, area);
    return { uploadId: id!, files: area.fileCount, bytes: area.bytes };
  }

  view(): ImportJobView {
    return structuredClone(this.job);
  }

  /** Resolves when the import in flight (if any) has ended. */
  async idle(): Promise<void> {
    await this.running;
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.running;
  }
}
