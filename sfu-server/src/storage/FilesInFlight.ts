/**
 * Files an upload is working on, which the orphan sweep must leave alone: a temporary file being
 * written, and a stored file from the moment it is in place until its rows are committed (or it is
 * removed again). One per server, shared by the document and attachment uploads and the sweep.
 *
 * NOTE: holding and removing exclude each other. `hold()` waits while the sweep is removing the
 * same path, and `removeUnlessHeld()` skips a held path and marks it before its first await, so
 * an upload that adopts a file already in place (content-addressed attachments) either sees it
 * removed and writes its own, or keeps it from being removed.
 */
export type Release = () => void;

export class FilesInFlight {
  readonly #held = new Map<string, number>();
  readonly #removing = new Map<string, Promise<unknown>>();

  /** Holds `file` (an absolute path) until the returned function is called (idempotent). */
  async hold(file: string): Promise<Release> {
    for (let removing = this.#removing.get(file); removing; removing = this.#removing.get(file))
      await removing.catch(() => undefined);
    this.#held.set(file, (this.#held.get(file) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const count = (this.#held.get(file) ?? 1) - 1;
      if (count > 0) this.#held.set(file, count);
      else this.#held.delete(file);
    };
  }

  /**
   * Runs `remove` for `file` unless an upload holds it; holds of the path wait until it is done.
   * Resolves with what `remove` answered, or false when the file was held.
   */
  async removeUnlessHeld(file: string, remove: () => Promise<boolean>): Promise<boolean> {
    if (this.#held.has(file) || this.#removing.has(file)) return false;
    const removing = remove();
    this.#removing.set(file, removing);
    try {
      return await removing;
    } finally {
      this.#removing.delete(file);
    }
  }
}
