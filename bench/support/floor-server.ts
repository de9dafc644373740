/**
 * Child-process entry: the emulator suite's floor. A bare node:http server that answers
 * every request with the same bytes the emulator answered for the reservation fetch, so
 * the load generator, the loopback and the kernel are measured without the emulator.
 * Prints its port on stdout once listening.
 */
import { createServer } from 'node:http';

const body = Buffer.from(process.env.BENCH_FLOOR_BODY ?? '{}');
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) };
const server = createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
