/**
 * Every credential is registered here the moment it is known. Loggers redact registered values
 * from every line they print, and the GitHub front forwards each one to `core.setSecret`.
 */
type Listener = (secret: string) => void;

const MIN_SECRET_LENGTH = 4; // shorter values would redact ordinary words

class SecretRegistry {
  private readonly values = new Set<string>();
  private readonly listeners: Listener[] = [];

  add(value: string | undefined): void {
    if (!value || value.length < MIN_SECRET_LENGTH || this.values.has(value)) return;
    this.values.add(value);
    // A base64 form is what an Authorization header or a docker config would carry.
    const encoded = Buffer.from(value).toString('base64');
    this.values.add(encoded);
    for (const listener of this.listeners) {
      listener(value);
      listener(encoded);
    }
  }

  onAdd(listener: Listener): void {
    this.listeners.push(listener);
    for (const value of this.values) listener(value);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      out = out.split(value).join('***');
    }
    return out;
  }

  /** For tests only: forget everything registered. */
  clear(): void {
    this.values.clear();
  }
}

export const secrets = new SecretRegistry();
