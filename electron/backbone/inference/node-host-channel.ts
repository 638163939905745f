import { fork } from 'node:child_process';
import { HOST_EXEC_ARGV } from '../heap';
import type { HostChannel, HostReply, HostRequest } from './host-protocol';

/**
 * Starts the inference host as a Node child process. `entry` is the host script: the built
 * host.js, or under tsx a bootstrap that registers tsx first (electron/server/inference-host-tsx.mjs).
 * Float32Arrays cross the boundary thanks to the 'advanced' (structured clone) serialisation.
 */
export function forkNodeHost(entry: string, env: NodeJS.ProcessEnv = {}, opts: { stdoutToStderr?: boolean } = {}): HostChannel {
  const child = fork(entry, [], {
    serialization: 'advanced',
    // The stdio MCP server's stdout carries the protocol: the host's output goes to stderr there.
    stdio: ['ignore', opts.stdoutToStderr ? 2 : 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
    execArgv: [...HOST_EXEC_ARGV],
  });
  return {
    send(msg: HostRequest) {
      if (child.connected) child.send(msg);
    },
    onMessage(cb: (msg: HostReply) => void) {
      child.on('message', (m) => cb(m as HostReply));
    },
    onExit(cb: (code: number | null) => void) {
      let done = false;
      const once = (code: number | null) => {
        if (!done) cb(code);
        done = true;
      };
      child.on('exit', once);
      child.on('error', () => once(null));
    },
    kill() {
      child.kill('SIGKILL');
    },
    get pid() {
      return child.exitCode === null && child.signalCode === null ? (child.pid ?? null) : null;
    },
  };
}
