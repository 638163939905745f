import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEmbedder } from '../../../electron/backbone/inference/load-model';
import { openSession, preferredProviders } from '../../../electron/backbone/inference/session';
import { useTempDirs } from '../../helpers/temp';
import { writeTextEmbedder } from '../../helpers/tiny-models';

const tempDir = useTempDirs('all');

describe('execution providers', () => {
  it('platform defaults: DirectML on Windows, CoreML on macOS, CUDA on Linux only when asked for', () => {
    expect(preferredProviders('win32')).toEqual(['dml', 'cpu']);
    expect(preferredProviders('darwin')).toEqual(['coreml', 'cpu']);
    expect(preferredProviders('linux', false)).toEqual(['cpu']);
    expect(preferredProviders('linux', true)).toEqual(['cuda', 'cpu']);
  });

  it('a provider this build lacks falls back to the CPU, with the reason', async () => {
    const dir = writeTextEmbedder(join(tempDir(), 'ep'), { family: 'bert-cls' });
    const { session, provider } = await openSession(join(dir, 'model.onnx'), dir, { providers: ['no-such-ep', 'cpu'], threads: 1 });
    expect(provider.active).toBe('cpu');
    expect(provider.tried).toEqual(['no-such-ep', 'cpu']);
    expect(provider.fallbackReason).toMatch(/no-such-ep is not available/);
    await session.release();
  });

  it('an error at create() is retried on the CPU (CUDA without its libraries)', async () => {
    const dir = writeTextEmbedder(join(tempDir(), 'cuda'), { family: 'bert-cls' });
    const { session, provider } = await openSession(join(dir, 'model.onnx'), dir, { providers: ['cuda'] });
    if (provider.active === 'cuda') {
      expect(provider.fallbackReason).toBeNull(); // a machine with working CUDA
    } else {
      expect(provider.active).toBe('cpu');
      expect(provider.fallbackReason).toMatch(/^cuda (failed to start|is not available)/);
    }
    await session.release();
  });

  it('the loaded model reports its provider and still works', async () => {
    const e = await loadEmbedder(writeTextEmbedder(join(tempDir(), 'loaded'), { family: 'bert-mean' }), { providers: ['no-such-ep'] });
    expect(e.provider()).toMatchObject({ active: 'cpu', tried: ['no-such-ep'] });
    expect((await e.embed(['alpha'], 'document'))[0]!.length).toBe(4);
    await e.close();
  });

  it('CPU only: no fallback reason', async () => {
    const e = await loadEmbedder(writeTextEmbedder(join(tempDir(), 'cpu'), { family: 'bert-mean' }), { providers: ['cpu'] });
    expect(e.provider()).toEqual({ active: 'cpu', tried: ['cpu'], fallbackReason: null });
    await e.close();
  });
});
