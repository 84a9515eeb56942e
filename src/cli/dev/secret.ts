import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes from the OS CSPRNG, base64url (43 characters): one per `dev` run. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so that `timingSafeEqual` gets equal
 * lengths and the time taken does not even reveal the secret's length.
 */
export function secretMatches(secret: string, candidate: string | string[] | undefined): boolean {
  if (typeof candidate !== 'string') return false;
  const a = createHash('sha256').update(secret).digest();
  const b = createHash('sha256').update(candidate).digest();
  return timingSafeEqual(a, b);
}
