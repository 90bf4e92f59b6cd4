import type { IncomingMessage } from 'http';

/** Why a body could not be read. */
export class RequestBodyError extends Error {
  public constructor(public readonly reason: 'too-large' | 'invalid', message: string) {
    super(message);
  }
}

/**
 * Reads a request body of at most `maxBytes` into memory. A declared Content-Length over the
 * limit is refused before anything is read; a chunked body is cut off once it passes it. The
 * time a body may take is bounded by the server's request timeout.
 */
export async function readBoundedBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > maxBytes) {
    throw new RequestBodyError('too-large', `body of ${declared} bytes exceeds ${maxBytes}`);
  }
  return await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: RequestBodyError): void => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onError);
      req.removeListener('aborted', onAborted);
      req.pause();
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        fail(new RequestBodyError('too-large', `body exceeds ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks, size));
    const onError = (error: Error): void => fail(new RequestBodyError('invalid', `reading the body failed: ${error.message}`));
    const onAborted = (): void => fail(new RequestBodyError('invalid', 'client aborted the request'));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.once('aborted', onAborted);
  });
}
