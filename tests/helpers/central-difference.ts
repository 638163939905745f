/** ∂f/∂values[i] by central differences, restoring values[i] afterwards (gradient checks). */
export function centralDifference(values: Float32Array | Float64Array, i: number, f: () => number, h: number): number {
  const keep = values[i]!;
  values[i] = keep + h;
  const up = f();
  values[i] = keep - h;
  const down = f();
  values[i] = keep;
  return (up - down) / (2 * h);
}
