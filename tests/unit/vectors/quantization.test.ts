import { describe, expect, it } from 'vitest';
import { unpackedPath as outsideAsar } from '../../../electron/backbone/vectors/asar-path';
import {
  blobToFloat, chooseQuantization, distanceToCosine, FLOAT_SCAN_BUDGET, floatBlob, int8Scale, rescoreDepth, toInt8Blob,
} from '../../../electron/backbone/vectors/quantization';
import { indexTables, tablePrefix } from '../../../electron/backbone/vectors/tables';
import { vectorIndexKey } from '../../../electron/backbone/vectors/registry';

describe('quantization rule', () => {
  it('keeps exact float while articles × dimension fits the scan budget, bit beyond', () => {
    expect(chooseQuantization(64_430, 256)).toBe('float'); // the bundled corpus with a built-in model
    expect(chooseQuantization(20_000, 1024)).toBe('float');
    expect(chooseQuantization(64_430, 1024)).toBe('bit');
    expect(chooseQuantization(80_001, 256)).toBe('bit');
    expect(chooseQuantization(FLOAT_SCAN_BUDGET, 1)).toBe('float');
  });

  it('never picks bit for a dimension that is not a multiple of 8', () => {
    expect(chooseQuantization(1_000_000, 1001)).toBe('float');
  });

  it('shortlists 10·k (at least 1000) articles for bit rescoring', () => {
    expect(rescoreDepth(10)).toBe(1000);
    expect(rescoreDepth(60)).toBe(1000);
    expect(rescoreDepth(300)).toBe(3000);
  });
});

describe('vector encodings', () => {
  it('round-trips float32 blobs, also for views into a larger buffer', () => {
    const big = new Float32Array([9, 0.5, -0.25, 9]);
    const view = big.subarray(1, 3);
    expect(Array.from(blobToFloat(floatBlob(view)))).toEqual([0.5, -0.25]);
  });

  it('scales int8 by the dimension and clips large components', () => {
    expect(int8Scale(16)).toBe(127); // 5/√16 > 1: the whole unit range
    expect(int8Scale(1024)).toBeCloseTo(127 * 32 / 5);
    const v = new Float32Array(1024);
    v[0] = 0.01;
    v[1] = -0.9;
    const b = toInt8Blob(v);
    expect(b.readInt8(0)).toBe(Math.round(0.01 * int8Scale(1024)));
    expect(b.readInt8(1)).toBe(-127);
    expect(b.readInt8(2)).toBe(0);
  });

  it('turns L2 distances of unit vectors back into cosines', () => {
    expect(distanceToCosine('float', 0, 8)).toBe(1);
    expect(distanceToCosine('float', Math.SQRT2, 8)).toBeCloseTo(0);
    expect(distanceToCosine('int8', Math.SQRT2 * int8Scale(256), 256)).toBeCloseTo(0);
  });
});

describe('index naming', () => {
  it('keys an index by model id and dimension', () => {
    expect(vectorIndexKey('qwen3-embedding-0.6b', 1024)).toBe('qwen3-embedding-0.6b@1024');
  });

  it('derives table names from a hash, never from the model id', () => {
    const p = tablePrefix(`x'; DROP TABLE laws; --@16`, 'fp');
    expect(p).toMatch(/^vec_[0-9a-f]{16}$/);
    expect(indexTables(p)).toEqual({ prefix: p, knn: `${p}_knn`, docs: `${p}_docs` });
    expect(tablePrefix('m@16', 'fp1')).not.toBe(tablePrefix('m@16', 'fp2'));
    expect(() => indexTables('laws; --')).toThrow();
  });

  it('loads the extension from app.asar.unpacked inside a packaged app', () => {
    expect(outsideAsar('/opt/Lexbone/resources/app.asar/node_modules/sqlite-vec-linux-x64/vec0.so')).toBe(
      '/opt/Lexbone/resources/app.asar.unpacked/node_modules/sqlite-vec-linux-x64/vec0.so',
    );
    expect(outsideAsar('C:\\Lexbone\\resources\\app.asar\\node_modules\\vec0.dll')).toBe('C:\\Lexbone\\resources\\app.asar.unpacked\\node_modules\\vec0.dll');
    expect(outsideAsar('/work/node_modules/sqlite-vec-linux-x64/vec0.so')).toBe('/work/node_modules/sqlite-vec-linux-x64/vec0.so');
  });
});
