/**
 * Types of the models & index page: indexing progress that can be paused, models a backbone
 * version names but that are not installed, and the user's statute imports. No runtime code here.
 */
import type { ImportReport, Progress } from './types';
import type { ApiErrorShape } from './errors';

/** A running (or paused) indexing pass of one embedder's vector index. */
export interface IndexingProgress extends Progress {
  /** 'paused': stopped between batches by pauseIndexing; everything embedded so far is kept. */
  state: 'running' | 'paused';
  /** The embedder whose index is being built or brought up to date. */
  modelId: string;
}

/** What pauseIndexing / resumeIndexing answer: the pass's state afterwards ('idle': no pass). */
export interface IndexingControl {
  state: 'running' | 'paused' | 'idle';
  indexing: IndexingProgress | null;
}

/**
 * A model the active backbone version (or the start-up options) names that cannot be served: not
 * installed, or its folder is broken. Search then runs without it, and the app says so.
 */
export interface MissingModel {
  id: string;
  role: 'embedder' | 'reranker';
  /** The backbone version that names it (null: named by a start-up option). */
  version: { id: number; label: string } | null;
  /** Where to copy the model folder: `<user data folder>/models/`. */
  folder: string;
  /** The broken folder holding this id, when there is one. */
  brokenDir: string | null;
  code: 'MODEL_NOT_INSTALLED';
  message: string;
  messageZh?: string;
}

/** One uploaded file: its path relative to the chosen folder (or just its name) and its bytes. */
export interface UploadedFile {
  path: string;
  base64: string;
}

/** Files staged by uploadStatutes so far (a large selection is sent in several requests). */
export interface StagedUploadView {
  uploadId: string;
  files: number;
  bytes: number;
}

export type ImportJobState = 'idle' | 'running' | 'done' | 'failed';

/** The user's latest statute import (one at a time), as importStatutes and importStatus report it. */
export interface ImportJobView {
  /** Increases with each import this process started; 0 before the first. */
  id: number;
  state: ImportJobState;
  /** What is being imported, as the user named it (a path, a file name, an uploaded folder's name). */
  source: string | null;
  progress: Progress | null;
  report: ImportReport | null;
  error: ApiErrorShape | null;
  startedAt: string | null;
  finishedAt: string | null;
}
