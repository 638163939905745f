/**
 * The inference host in the desktop app: an Electron utilityProcess (a Node process Electron
 * manages), speaking the backbone's host protocol over postMessage (structured clone, so vectors
 * stay Float32Array).
 */
import { utilityProcess } from 'electron';
import type { HostChannel, HostReply, HostRequest } from '../backbone/inference/host-protocol';

export function spawnUtilityHost(entry: string): HostChannel {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Lexbone inference', stdio: 'inherit' });
  let alive = true;
  child.on('exit', () => {
    alive = false;
  });
  return {
    send(msg: HostRequest) {
      if (alive) child.postMessage(msg);
    },
    onMessage(cb: (msg: HostReply) => void) {
      child.on('message', (m: HostReply) => cb(m));
    },
    onExit(cb: (code: number | null) => void) {
      child.once('exit', (code) => cb(code));
    },
    kill() {
      child.kill();
    },
    get pid() {
      return alive ? (child.pid ?? null) : null;
    },
  };
}
