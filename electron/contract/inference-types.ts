/**
 * The inference host as the `models` status shows it: supervised (restarted when it dies), so a
 * caller can tell "restarting, answered lexically meanwhile" from "ready". No runtime code here.
 */

/** 'stopped': not started yet (or closed); 'restarting': died, a new host is loading its models. */
export type InferenceHostState = 'stopped' | 'ready' | 'restarting';

export interface InferenceHostStatus {
  state: InferenceHostState;
  /** The host's process id (null while none runs). */
  pid: number | null;
  /** How many times the host has died and been restarted since the service started. */
  restarts: number;
  /** The last time it died: its exit code (null: killed by a signal) and when (ISO time). */
  lastExit: { code: number | null; at: string } | null;
  /** How long the last restart took, from the death to the models loaded again (ms). */
  lastRecoveryMs: number | null;
  /** Model handles loaded in the host: the runtime's, plus an A/B preparation's own while it runs. */
  loadedModels: number;
}
