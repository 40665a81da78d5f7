export type AnnotationLevel = 'error' | 'warning' | 'notice'

/**
 * The runner shows at most this many annotations of each level per workflow step, and
 * the whole graph is one step: anything past it is dropped without a word.
 */
export const ANNOTATIONS_PER_LEVEL = 10

/**
 * Spends the runner's annotation allowance so the important ones are never the dropped
 * ones. Reservations are held back for annotations that must come last (the error
 * `core.setFailed` writes, the notice pointing at the summary).
 */
export class AnnotationBudget {
  private readonly spent = new Map<AnnotationLevel, number>()

  constructor(private readonly reserved: Partial<Record<AnnotationLevel, number>> = {}) {}

  /** Whether an annotation of this level still fits; if so, it is counted as spent. */
  take(level: AnnotationLevel): boolean {
    if (this.remaining(level) <= 0) return false
    this.spent.set(level, (this.spent.get(level) ?? 0) + 1)
    return true
  }

  /** Annotations of this level still available, reservations excluded. */
  remaining(level: AnnotationLevel): number {
    return ANNOTATIONS_PER_LEVEL - (this.reserved[level] ?? 0) - (this.spent.get(level) ?? 0)
  }
}
