/**
 * An error for a log line or status message: the status code and the API's Status message only
 * (never a request body, and no response body but a Status, which holds no secret data).
 */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object') {
    const { code, statusCode, message, body } = err as { code?: unknown; statusCode?: unknown; message?: unknown; body?: unknown };
    let statusMessage: unknown;
    if (typeof body === 'string') {
      try {
        statusMessage = (JSON.parse(body) as { message?: unknown }).message;
      } catch {
        statusMessage = undefined;
      }
    } else if (body && typeof body === 'object') {
      statusMessage = (body as { message?: unknown }).message;
    }
    const text = typeof statusMessage === 'string' ? statusMessage : typeof message === 'string' ? message.split('\n')[0] : String(err);
    const status = code ?? statusCode;
    return (status !== undefined ? `${String(status)}: ` : '') + text.slice(0, 300);
  }
  return String(err);
}
