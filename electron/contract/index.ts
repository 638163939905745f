export * from './errors';
export * from './methods';
export * from './types';
export type * from './evaluation-types';
export type * from './ab-types';
export type * from './law-types';
export type * from './research-types';
export type * from './api';
export * from './shell-types';
