import * as crypto from 'crypto';

/**
 * Eight upper-case hex digits of a text's SHA-256: a stable suffix that keeps construct ids and
 * statement ids distinct where the readable part of the name is cut or stripped of punctuation.
 */
export function shortHash(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, 8).toUpperCase();
}
