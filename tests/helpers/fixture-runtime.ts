/**
 * The whole backbone over the fixture corpus for a test file: a library with the corpus imported,
 * a real inference host process and a model runtime over the models `models` writes or names,
 * started (and indexed) before the tests and closed after them.
 */
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { InferenceClient } from '../../electron/backbone/inference/client';
import { forkNodeHost } from '../../electron/backbone/inference/node-host-channel';
import { Library } from '../../electron/backbone/library';
import { ModelRuntime } from '../../electron/backbone/runtime/model-runtime';
import { ROOT } from './run-cli';
import { FIXTURE_CORPUS, useTempDirs } from './temp';

export const INFERENCE_HOST = join(ROOT, 'electron', 'server', 'inference-host-tsx.mjs');
export const BUILTIN_MODELS = join(ROOT, 'models');

export interface FixtureRuntime {
  dir: string;
  lib: Library;
  client: InferenceClient;
  runtime: ModelRuntime;
}

/** `models` returns the model folders to serve (writing test models into `dir` if it likes); `ready` receives the parts. */
export function useFixtureRuntime(models: (lib: Library, dir: string) => string[], ready: (fx: FixtureRuntime) => void): void {
  const tempDir = useTempDirs('all');
  let fx: FixtureRuntime | undefined;
  beforeAll(async () => {
    const dir = tempDir();
    const lib = new Library(join(dir, 'lexbone.db'));
    lib.import(FIXTURE_CORPUS);
    const modelDirs = models(lib, dir);
    const client = new InferenceClient({ spawn: () => forkNodeHost(INFERENCE_HOST) });
    const runtime = new ModelRuntime(lib, client, { modelDirs });
    fx = { dir, lib, client, runtime };
    ready(fx);
    await runtime.start();
    await runtime.idle();
  }, 60_000);
  afterAll(async () => {
    await fx?.runtime.close();
    await fx?.client.close();
    fx?.lib.close();
  });
}
