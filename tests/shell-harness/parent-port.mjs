/**
 * In a process the electron stand-in forks as a utilityProcess: Electron's `process.parentPort`
 * over Node's IPC channel (messages arrive as { data }, as MessageEvents do). The channel is
 * listened to only once the program asks for messages: a 'message' listener added while this
 * --import module loads never receives any.
 */
const listeners = new Set();
let listening = false;
const listen = () => {
  if (listening) return;
  listening = true;
  process.on('message', (data) => {
    for (const l of [...listeners]) l({ data });
  });
  // Electron ends utility processes with the app.
  process.on('disconnect', () => process.exit(0));
};
process.parentPort = {
  on(event, cb) {
    if (event !== 'message') return this;
    listeners.add(cb);
    listen();
    return this;
  },
  once(event, cb) {
    if (event !== 'message') return this;
    const once = (e) => (listeners.delete(once), cb(e));
    return this.on('message', once);
  },
  off(_event, cb) {
    listeners.delete(cb);
    return this;
  },
  postMessage: (m) => process.connected && process.send(m),
};
