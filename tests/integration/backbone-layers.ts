/**
 * The backbone's layers, lowest first (ARCHITECTURE.md draws them). A file may import from its own
 * folder and from lower layers only; two folders of one layer never import each other. Top-level
 * files of the backbone are layers of their own, named by their file.
 */
export const BACKBONE_LAYERS: readonly (readonly string[])[] = [
  ['text', 'paths', 'locations', 'heap', 'memory-usage', 'assistants'],
  ['store'],
  ['search', 'glossary', 'ingest', 'vectors', 'onnx'],
  ['inference'],
  ['pipeline'],
  ['eval'],
  ['versions'],
  ['library'],
  ['runtime', 'research', 'folders', 'feedback', 'laws', 'context'],
  ['train'],
  ['ab'],
  ['app-service', 'import-worker'],
];
