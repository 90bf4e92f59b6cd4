/** A complete HTTP answer, built in memory before anything is sent. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * An error answer exactly as Go's http.Error writes it (what Skupper's grant server sends, and
 * what its redeemer puts in its messages): text/plain, nosniff, the text and a newline.
 */
export function errorAnswer(status: number, text: string, extraHeaders: Record<string, string> = {}): HttpAnswer {
  return {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...extraHeaders },
    body: Buffer.from(text + '\n', 'utf8'),
  };
}

/** Skupper's texts, so the stock redeemer's messages stay meaningful. */
export const NO_SUCH_CLAIM = 'No such claim';
export const NO_SUCH_ACCESS_GRANTED = 'No such access granted';
export const ONLY_POST = 'Only POST is supported';
export const BODY_NOT_VALID = 'Request body not valid';
export const CORRUPTED_CLAIM = 'Corrupted claim';
export const INTERNAL_ERROR = 'Internal error';

/**
 * The one answer to every request that does not carry the right code for an existing grant:
 * unknown, wrong code, expired and exhausted grants all look like this, so it tells nothing.
 */
export const NOT_FOUND_ANSWER = errorAnswer(404, NO_SUCH_CLAIM);

/** The successful answer: the YAML stream of the Secret and Link(s). It holds a private key: never cached. */
export function linkBundleAnswer(yamlStream: string): HttpAnswer {
  return {
    status: 200,
    // Go's content sniffing gives this for Skupper's (unlabelled) YAML.
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    body: Buffer.from(yamlStream, 'utf8'),
  };
}
