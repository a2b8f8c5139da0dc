/**
 * Remembers signature nonces for as long as a request carrying them could still be accepted, so a replay
 * inside the clock-skew window is caught and memory stays bounded outside it.
 */
export class NonceCache {
  /** Expiry time by nonce; Map keeps insertion order, which is (almost) expiry order. */
  private readonly expiries = new Map<string, number>();

  constructor(private readonly ttlMs: number) {}

  /** Records the nonce; false when it was already seen and has not expired. */
  add(nonce: string, now: number): boolean {
    this.prune(now);
    const expiry = this.expiries.get(nonce);
    if (expiry !== undefined && expiry > now) return false;
    this.expiries.delete(nonce);
    this.expiries.set(nonce, now + this.ttlMs);
    return true;
  }

  // Drops expired entries from the front only: amortised O(1), good enough when the clock moves forward.
  private prune(now: number): void {
    for (const [nonce, expiry] of this.expiries) {
      if (expiry > now) return;
      this.expiries.delete(nonce);
    }
  }
}
