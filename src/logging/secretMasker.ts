/** The text that stands in for a secret wherever one would have been written. */
export const SECRET_MARKER = '***';

/**
 * Remembers the secrets of this session (VM admin passwords, configuration-server passphrases, tokens)
 * and replaces every occurrence of them in text that is about to be logged or shown.
 * Secrets live only in memory and only for as long as the extension runs.
 */
export class SecretMasker {
  private readonly secrets = new Set<string>();

  /** Registers a secret; empty strings are ignored, since masking them would garble every message. */
  add(secret: string): void {
    if (secret.length > 0) {
      this.secrets.add(secret);
    }
  }

  /** Forgets a secret once nothing can log it any more. */
  delete(secret: string): void {
    this.secrets.delete(secret);
  }

  /** Returns `text` with every registered secret, and its URL-encoded and JSON-escaped forms, replaced. */
  mask(text: string): string {
    let masked = text;
    // Longest first, so a secret that contains another is replaced whole.
    const bySize = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const secret of bySize) {
      for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
        masked = masked.split(form).join(SECRET_MARKER);
      }
    }
    return masked;
  }
}
