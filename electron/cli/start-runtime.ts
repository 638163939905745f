import { fileURLToPath } from 'node:url';
import { InferenceClient } from '../backbone/inference/client';
import { forkNodeHost } from '../backbone/inference/node-host-channel';
import type { Library } from '../backbone/library';
import { ModelRuntime, type ModelRuntimeOptions } from '../backbone/runtime/model-runtime';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * For CLI measurements: models loaded in a Node inference host and the vector index built (with
 * indexing progress), resolved when the runtime is idle. A runtime error is thrown.
 */
export async function startRuntime(
  lib: Library,
  opts: ModelRuntimeOptions,
  onProgress?: (phase: string, done: number, total: number) => void,
): Promise<{ runtime: ModelRuntime; client: InferenceClient; close(): Promise<void> }> {
  const client = new InferenceClient({ spawn: () => forkNodeHost(here('../server/inference-host-tsx.mjs')) });
  const runtime = new ModelRuntime(lib, client, opts);
  const close = async () => {
    await runtime.close();
    await client.close();
  };
  await runtime.start();
  const timer = setInterval(() => {
    const p = runtime.status().indexing;
    if (p) onProgress?.(p.phase, p.done, p.total);
  }, 250);
  await runtime.idle();
  clearInterval(timer);
  const error = runtime.status().error;
  if (error) {
    await close();
    throw new Error(`${error.code}: ${error.message}`);
  }
  return { runtime, client, close };
}
