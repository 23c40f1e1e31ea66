// Finds which of many literal strings occur in a text in one pass (Aho-Corasick). The mutelist
// uses it as a prefilter: a glob can only match a value that contains its longest literal run, so
// among many glob rules only those whose literal occurs in a finding's resource are tested.
//
// Transitions are stored for speed on ARN-like literals: the root has a dense table for ASCII,
// a state with one child keeps it in two typed arrays, and only branching states use a Map.

const NONE = -1;
const BRANCHING = -2;

export class LiteralScanner {
  private readonly rootNext = new Int32Array(128).fill(NONE);
  private readonly rootOther = new Map<number, number>();
  /** Per state: the only child's character, NONE (leaf) or BRANCHING (see `children`). */
  private readonly onlyChar: Int32Array;
  private readonly onlyNext: Int32Array;
  private readonly children = new Map<number, Map<number, number>>();
  private readonly fail: Int32Array;
  /** Per state: the tags of every literal that ends here (own and through fail links), or null. */
  private readonly out: (number[] | null)[];

  /** `literals`: [literal (non-empty), tag] pairs; several literals may share a tag. */
  constructor(literals: readonly (readonly [string, number])[]) {
    // Build the trie with plain maps first, then flatten.
    const trie: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    for (const [literal, tag] of literals) {
      let s = 0;
      for (let i = 0; i < literal.length; i++) {
        const c = literal.charCodeAt(i);
        let t = trie[s].get(c);
        if (t === undefined) {
          t = trie.length;
          trie.push(new Map());
          own.push([]);
          trie[s].set(c, t);
        }
        s = t;
      }
      own[s].push(tag);
    }
    const n = trie.length;
    this.onlyChar = new Int32Array(n).fill(NONE);
    this.onlyNext = new Int32Array(n).fill(NONE);
    this.fail = new Int32Array(n);
    for (const [c, t] of trie[0]) {
      if (c < 128) this.rootNext[c] = t;
      else this.rootOther.set(c, t);
    }
    for (let s = 1; s < n; s++) {
      const m = trie[s];
      if (m.size === 1) {
        const [[c, t]] = m;
        this.onlyChar[s] = c;
        this.onlyNext[s] = t;
      } else if (m.size > 1) {
        this.onlyChar[s] = BRANCHING;
        this.children.set(s, m);
      }
    }
    // Breadth-first: each state's fail link is the longest proper suffix that is also a prefix.
    const out: number[][] = own.map((tags) => [...tags]);
    const queue: number[] = [...trie[0].values()];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      for (const [c, t] of trie[s]) {
        let f = this.fail[s];
        while (f !== 0 && !trie[f].has(c)) f = this.fail[f];
        const g = trie[f].get(c);
        this.fail[t] = g !== undefined && g !== t ? g : 0;
        out[t] = [...out[t], ...out[this.fail[t]]];
        queue.push(t);
      }
    }
    this.out = out.map((tags) => (tags.length ? tags : null));
  }

  private step(s: number, c: number): number {
    if (s === 0) return c < 128 ? this.rootNext[c] : (this.rootOther.get(c) ?? NONE);
    const only = this.onlyChar[s];
    if (only === c) return this.onlyNext[s];
    if (only === BRANCHING) return this.children.get(s)!.get(c) ?? NONE;
    return NONE;
  }

  /** Calls `hit(tag)` for every literal occurrence in `text` (a tag may be reported more than once). */
  scan(text: string, hit: (tag: number) => void): void {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let t = this.step(s, c);
      while (t === NONE && s !== 0) {
        s = this.fail[s];
        t = this.step(s, c);
      }
      s = t === NONE ? 0 : t;
      const found = this.out[s];
      if (found !== null) for (let k = 0; k < found.length; k++) hit(found[k]);
    }
  }
}
