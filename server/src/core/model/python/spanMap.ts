/**
 * How offsets in the TypeScript text the Python front end writes (`lower.ts`) correspond to
 * offsets in the Python source. Each Python node that was lowered records its span on both
 * sides; a span copied character for character (a name, a number) is `exact` and maps inside
 * too. A finding's start maps through the span that starts there, its end through the span
 * that ends there, so `new s3.Bucket` (the head of a construct) becomes `s3.Bucket` and a
 * property `enforceSSL: false` becomes `enforce_ssl=False`.
 */
export class SpanMap {
  /** Flat records: lowered start, lowered end, source start, source end, exact (1) or not (0). */
  private readonly spans: number[] = [];
  private starts?: Map<number, number>;
  private ends?: Map<number, number>;

  add(loweredStart: number, loweredEnd: number, sourceStart: number, sourceEnd: number, exact = false): void {
    this.spans.push(loweredStart, loweredEnd, sourceStart, sourceEnd, exact ? 1 : 0);
  }

  get size(): number {
    return this.spans.length / 5;
  }

  /** The source offset where something starting at `lowered` starts. */
  sourceStart(lowered: number): number {
    const { starts, ends } = this.boundaries();
    return starts.get(lowered) ?? ends.get(lowered) ?? this.inside(lowered, 'start');
  }

  /** The source offset where something ending at `lowered` ends. */
  sourceEnd(lowered: number): number {
    // Up to where the next thing starts (a removed property and its comma) maps there too.
    const { starts, ends } = this.boundaries();
    return ends.get(lowered) ?? starts.get(lowered) ?? this.inside(lowered, 'end');
  }

  /**
   * The source offset of an insertion point: the end of what ends there (an edit after a
   * statement or an argument), else the start of what starts there.
   */
  sourcePoint(lowered: number): number {
    const { starts, ends } = this.boundaries();
    return ends.get(lowered) ?? starts.get(lowered) ?? this.inside(lowered, 'start');
  }

  /** The lowered offset of a source offset (hover, a position the editor sends). */
  loweredOffset(source: number): number {
    const best = this.innermost(source, 2);
    if (best < 0) return 0;
    const s = this.spans;
    if (s[best + 4] === 1) return s[best] + Math.min(source - s[best + 2], s[best + 1] - s[best]);
    return s[best];
  }

  private boundaries(): { starts: Map<number, number>; ends: Map<number, number> } {
    if (!this.starts || !this.ends) {
      const starts = new Map<number, number>();
      const ends = new Map<number, number>();
      const s = this.spans;
      // Spans are recorded innermost first (a node after its children): the first one wins.
      for (let i = 0; i < s.length; i += 5) {
        if (!starts.has(s[i])) starts.set(s[i], s[i + 2]);
        if (!ends.has(s[i + 1])) ends.set(s[i + 1], s[i + 3]);
      }
      this.starts = starts;
      this.ends = ends;
    }
    return { starts: this.starts, ends: this.ends };
  }

  /** An offset that is no span's boundary: inside an exact span, or the edge of the innermost one. */
  private inside(lowered: number, edge: 'start' | 'end'): number {
    const best = this.innermost(lowered, 0);
    if (best < 0) return 0;
    const s = this.spans;
    if (s[best + 4] === 1) return s[best + 2] + Math.min(lowered - s[best], s[best + 3] - s[best + 2]);
    return edge === 'start' ? s[best + 2] : s[best + 3];
  }

  /** The smallest span containing `offset` on one side (0: lowered, 2: source); -1 when none. */
  private innermost(offset: number, side: 0 | 2): number {
    const s = this.spans;
    let best = -1;
    let bestSize = Infinity;
    for (let i = 0; i < s.length; i += 5) {
      const from = s[i + side];
      const to = s[i + side + 1];
      if (from <= offset && offset <= to && to - from < bestSize) {
        best = i;
        bestSize = to - from;
      }
    }
    return best;
  }
}
