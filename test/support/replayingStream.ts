import type * as net from 'node:net';
import { Duplex } from 'node:stream';

/**
 * The socket as a stream that first yields the bytes already read from it (none when `alreadyRead` is empty). TLS
 * reads a net.Socket's handle directly and would miss bytes pushed back with `unshift`, so it gets this stream instead.
 */
export function replayingStream(socket: net.Socket, alreadyRead: Buffer): Duplex {
  const stream = new Duplex({
    read: () => {
      socket.resume();
    },
    write: (chunk: Buffer, _encoding, callback) => {
      socket.write(chunk, callback);
    },
    final: (callback) => {
      socket.end(callback);
    },
    destroy: (error, callback) => {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  if (alreadyRead.length > 0) {
    stream.push(alreadyRead);
  }
  socket.on('data', (chunk: Buffer) => {
    if (!stream.push(chunk)) {
      socket.pause();
    }
  });
  socket.on('end', () => stream.push(null));
  socket.on('close', () => stream.destroy());
  return stream;
}
