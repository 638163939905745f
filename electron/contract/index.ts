export * from './errors';
export * from './methods';
export * from './types';
export type * from './evaluation-types';
export type * from './models-types';
export type * from './api';
