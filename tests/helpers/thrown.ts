/** The error a promise rejects with (fails the test when it resolves). */
export async function thrown(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected an error');
}
