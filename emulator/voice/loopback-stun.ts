import { createSocket, type Socket } from 'node:dgram';
import { Message, classes, methods, parseMessage } from 'werift';

/**
 * A STUN binding responder on 127.0.0.1. werift always queries a STUN server
 * while gathering candidates and falls back to stun.l.google.com when none is
 * configured — a request that would leave the machine and stall the offer for
 * five seconds offline. Pointing it here keeps every packet on loopback.
 */
export interface LoopbackStun {
  readonly url: string;
  close(): Promise<void>;
}

export async function startLoopbackStun(): Promise<LoopbackStun> {
  const socket: Socket = createSocket('udp4');
  socket.on('message', (data, remote) => {
    const request = parseMessage(data);
    if (!request || request.messageMethod !== methods.BINDING || request.messageClass !== classes.REQUEST) return;
    const response = new Message(methods.BINDING, classes.RESPONSE, request.transactionId);
    response.setAttribute('XOR-MAPPED-ADDRESS', [remote.address, remote.port]);
    socket.send(response.bytes, remote.port, remote.address);
  });
  // A malformed datagram must never take the emulator down.
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  return {
    url: `stun:127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
