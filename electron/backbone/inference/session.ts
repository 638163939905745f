/**
 * ONNX Runtime sessions with execution-provider fallback. The preferred providers come from the
 * platform (DirectML on Windows, CoreML on macOS, CUDA on Linux only when asked for); providers
 * this build of onnxruntime-node does not have are dropped up front (ORT would silently drop them
 * too), and any error at create() is retried once on the CPU. The ProviderInfo says which provider
 * runs and why it is not the preferred one.
 */
import * as ort from 'onnxruntime-node';
import { createError } from '../../contract/errors';
import type { ProviderInfo } from './types';

export interface SessionOptions {
  /** Providers to try in order; default from the platform (see preferredProviders). */
  providers?: string[];
  /** Try CUDA on Linux (default: env LEXBONE_CUDA=1). */
  cuda?: boolean;
  /** Threads inside one operator (default: env LEXBONE_THREADS, else ORT's choice). */
  threads?: number;
}

export interface OpenedSession {
  session: ort.InferenceSession;
  provider: ProviderInfo;
}

export function preferredProviders(
  platform: NodeJS.Platform = process.platform,
  cuda = process.env.LEXBONE_CUDA === '1',
): string[] {
  if (platform === 'win32') return ['dml', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'cpu'];
  if (platform === 'linux' && cuda) return ['cuda', 'cpu'];
  return ['cpu'];
}

function availableProviders(): Set<string> {
  const names = ort.listSupportedBackends().map((b) => b.name);
  return new Set(['cpu', ...names]);
}

function threadCount(opts: SessionOptions): number | undefined {
  const n = opts.threads ?? (process.env.LEXBONE_THREADS ? Number(process.env.LEXBONE_THREADS) : undefined);
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

function message(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
}

/**
 * Opens `modelPath`. `dir` only names the model folder in errors. Throws MODEL_LOAD_FAILED when
 * even the CPU cannot load the file.
 */
export async function openSession(modelPath: string, dir: string, opts: SessionOptions = {}): Promise<OpenedSession> {
  const tried = opts.providers ?? preferredProviders(process.platform, opts.cuda ?? process.env.LEXBONE_CUDA === '1');
  const available = availableProviders();
  const missing = tried.filter((p) => !available.has(p));
  const usable = tried.filter((p) => available.has(p));
  const base: ort.InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    interOpNumThreads: 1,
    logSeverityLevel: 3,
    // No busy-waiting between runs: on a 2-core workstation spinning ORT threads take the CPU that
    // lexical search and SQLite need in the other process.
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  };
  const threads = threadCount(opts);
  if (threads !== undefined) base.intraOpNumThreads = threads;

  let reason: string | null = missing.length
    ? `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not available in this onnxruntime-node build (${process.platform}-${process.arch})`
    : null;
  if (usable.length > 0) {
    try {
      const session = await ort.InferenceSession.create(modelPath, { ...base, executionProviders: usable });
      const active = usable[0]!;
      return { session, provider: { active, tried, fallbackReason: active === tried[0] ? null : reason } };
    } catch (e) {
      if (usable.length === 1 && usable[0] === 'cpu') throw createError('MODEL_LOAD_FAILED', dir, message(e));
      reason = `${usable[0]} failed to start: ${message(e)}`;
    }
  }
  try {
    const session = await ort.InferenceSession.create(modelPath, { ...base, executionProviders: ['cpu'] });
    return { session, provider: { active: 'cpu', tried, fallbackReason: reason ?? 'no provider was requested' } };
  } catch (e) {
    throw createError('MODEL_LOAD_FAILED', dir, message(e));
  }
}
