/** An execution provider in words an IT admin understands: which one runs, and why not the GPU. */
import type { ActiveModel } from '../../../../electron/contract/types';
import { MODELS_STRINGS as T } from './models-strings';

const NAMES: Record<string, string> = { cuda: 'CUDA（NVIDIA）', dml: 'DirectML', coreml: 'CoreML', cpu: 'CPU', tensorrt: 'TensorRT' };
const providerName = (p: string): string => NAMES[p] ?? p;

export interface ProviderText {
  gpu: boolean;
  text: string;
  tried: string;
}

export function describeProvider(provider: ActiveModel['provider']): ProviderText {
  const tried = T.providerTried(provider.tried.map(providerName).join(' → '));
  if (provider.active !== 'cpu') return { gpu: true, text: T.providerGpu(providerName(provider.active)), tried };
  const gpu = provider.tried.find((p) => p !== 'cpu');
  if (!gpu) return { gpu: false, text: T.providerCpuNotTried, tried };
  return { gpu: false, text: T.providerCpuFallback(providerName(gpu), provider.fallbackReason ?? '—'), tried };
}
