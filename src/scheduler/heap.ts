/** A binary min-heap of numbers under a comparison; push and pop are O(log n). */
export class Heap {
  private readonly items: number[] = []

  constructor(private readonly before: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.items.length
  }

  push(item: number): void {
    const items = this.items
    items.push(item)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.before(item, items[parent] as number)) break
      items[i] = items[parent] as number
      i = parent
    }
    items[i] = item
  }

  pop(): number | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (items.length === 0 || last === undefined) return top
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= items.length) break
      const right = left + 1
      const child =
        right < items.length && this.before(items[right] as number, items[left] as number)
          ? right
          : left
      if (!this.before(items[child] as number, last)) break
      items[i] = items[child] as number
      i = child
    }
    items[i] = last
    return top
  }
}
