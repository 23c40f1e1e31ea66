// The HTML reports embed repeated strings (services, regions, principals, event names…) once, in
// a table, and refer to them by index: the page's data stays small and parses fast.

/** Strings in first-seen order, each with its index in `values`. */
export class Interner {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  /** The index of `value`, added at the end the first time it is seen. */
  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}
