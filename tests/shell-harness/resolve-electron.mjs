/** Module resolve hook: the specifier `electron` is the stand-in, from any importer. */
const standIn = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: standIn, format: 'module', shortCircuit: true };
  return next(specifier, context);
}
