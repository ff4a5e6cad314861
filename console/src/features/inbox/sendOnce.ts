// The reply box's two guards, kept apart from React so they are tested alone.

/** Enter sends; Shift+Enter is a new line; Enter that commits an IME composition
 *  (Japanese kana → kanji) never sends: `isComposing` is set while composing, and
 *  Safari reports the committing Enter as keyCode 229 after compositionend. */
export function isSendKey(e: { key: string; shiftKey: boolean; isComposing: boolean; keyCode: number }): boolean {
  return e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229;
}

/** One send at a time; each draft keeps one idempotency key until it is sent, so a
 *  retry after a failure is the same request to the server. */
export class SendOnce {
  private inFlight = false;
  private key: string | null = null;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  get busy(): boolean {
    return this.inFlight;
  }

  /** Runs `send` unless a send is in flight; true when it ran and succeeded. */
  async run(send: (idempotencyKey: string) => Promise<void>): Promise<boolean> {
    if (this.inFlight) return false;
    this.inFlight = true;
    this.key ??= this.newKey();
    try {
      await send(this.key);
      this.key = null;
      return true;
    } finally {
      this.inFlight = false;
    }
  }
}
