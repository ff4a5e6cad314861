// The reply box's two guards, kept apart from React so they are tested alone.

/** Enter sends; Shift+Enter is a new line; Enter that commits an IME composition
 *  (Japanese kana → kanji) never sends: `isComposing` is set while composing, and
 *  Safari reports the committing Enter as keyCode 229 after compositionend. */
export function isSendKey(e: { key: string; shiftKey: boolean; isComposing: boolean; keyCode: number }): boolean {
  return e.key === "Enter" && !e.shiftKey && !e.isComposing && e.keyCode !== 229;
}

/** One send at a time; each composed message keeps one idempotency key until it is
 *  sent, so a retry after a failure (or a second click) is the same request to the
 *  server and the customer gets it once. A different message gets a new key. */
export class SendOnce {
  private inFlight = false;
  private key: string | null = null;
  private content: string | null = null;

  constructor(private readonly newKey: () => string = () => crypto.randomUUID()) {}

  get busy(): boolean {
    return this.inFlight;
  }

  /** Runs `send` for the message `content` (its JSON, say) unless a send is in
   *  flight; true when it ran and succeeded. */
  async run(send: (idempotencyKey: string) => Promise<void>, content = ""): Promise<boolean> {
    if (this.inFlight) return false;
    this.inFlight = true;
    if (this.key === null || this.content !== content) {
      this.key = this.newKey();
      this.content = content;
    }
    try {
      await send(this.key);
      this.key = null;
      return true;
    } finally {
      this.inFlight = false;
    }
  }
}

/** What went wrong with a send, as the i18n key under `inbox.error` (docs/openapi.json:
 *  409 blocked or already being sent, 429 no quota, 422 LINE or the API refused, 502
 *  LINE unreachable: retry), or null for other failures (their own message shows). */
export function sendFailureKey(status: number, message: string): string | null {
  switch (status) {
    case 409:
      return /being sent/.test(message) ? "inProgress" : "blocked";
    case 429:
      return "quota";
    case 422:
      return "refused";
    case 502:
    case 0:
      return "retry";
    default:
      return null;
  }
}
