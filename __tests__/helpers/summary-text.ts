/**
 * A summary's table rows as plain text: the no-break spaces that keep a cell on one line
 * read as spaces, and the mark of the critical path (◆) is dropped, for tests about what
 * a row says rather than which steps set the wall time.
 */
export function tableText(summary: string): string {
  return summary.replace(/\u00a0/g, ' ').replace(/◆ /g, '')
}
