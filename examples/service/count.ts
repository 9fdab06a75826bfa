/** "Star Wars", any case, with any run of spaces, hyphens or underscores between the words. */
const STAR_WARS = /\bstar[\s_-]*wars\b/gi;

/** How many times "Star Wars" is mentioned in a text. */
export function countStarWarsMentions(text: string): number {
  return (text.match(STAR_WARS) ?? []).length;
}

/**
 * True for an HTTP event (API Gateway REST or HTTP API, function URL): it carries a `body` or a
 * `requestContext` and wants an HTTP response (`statusCode`, `body`).
 */
export function isHttpEvent(event: unknown): boolean {
  if (!event || typeof event !== 'object') return false;
  return 'body' in event || 'requestContext' in event;
}

/**
 * The text of an invocation event: `{ text }` when invoked directly, or the body of an HTTP event
 * (API Gateway / function URL), itself either `{ "text": ... }` JSON or plain text.
 */
export function textOf(event: unknown): string {
  if (typeof event === 'string') return event;
  if (!event || typeof event !== 'object') return '';
  const e = event as { text?: unknown; body?: unknown; isBase64Encoded?: boolean };
  if (typeof e.text === 'string') return e.text;
  if (typeof e.body === 'string') {
    const body = e.isBase64Encoded ? Buffer.from(e.body, 'base64').toString('utf-8') : e.body;
    try {
      const parsed = JSON.parse(body);
      return typeof parsed?.text === 'string' ? parsed.text : body;
    } catch {
      return body;
    }
  }
  return '';
}
