// A port on 127.0.0.1 that nothing listens on, for a server the caller
// starts next: the benchmarks, the wire measurements and the tests that
// start servers of their own.
import net from 'node:net';

/** A free port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
