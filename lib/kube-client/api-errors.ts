import { ApiException } from '@kubernetes/client-node';

/** The HTTP status of a failed Kubernetes API call through the client, if it was one. */
export function apiStatusCode(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

/** The call's result, or undefined when the API answered `status` (404: it is absent; 409: it exists already). */
export async function undefinedOnStatus<T>(status: number, call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (apiStatusCode(error) === status) return undefined;
    throw error;
  }
}

/** The `message` of a Kubernetes Status object, given as JSON text or parsed; undefined if it is none. */
function statusObjectMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const message = parsed && typeof parsed === 'object' ? (parsed as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : undefined;
}

/** The message of a Kubernetes Status body, else the first line of the body (bounded). */
export function statusMessage(body: string): string {
  return (statusObjectMessage(body) ?? body.split('\n')[0]).slice(0, 300);
}

/**
 * An error for a log line or status message: the status code and the API's Status message only
 * (never a request body, and no response body but a Status, which holds no secret data).
 */
export function describeError(err: unknown): string {
  if (err && typeof err === 'object') {
    const { code, statusCode, message, body } = err as { code?: unknown; statusCode?: unknown; message?: unknown; body?: unknown };
    const text = statusObjectMessage(body) ?? (typeof message === 'string' ? message.split('\n')[0] : String(err));
    const status = code ?? statusCode;
    return (status !== undefined ? `${String(status)}: ` : '') + text.slice(0, 300);
  }
  return String(err);
}
