/**
 * Making text from steps safe wherever it is shown. Step names, output lines and child
 * annotations are all written by the steps: none may break the log, the summary's
 * Markdown or HTML, or a Mermaid diagram.
 */

/* eslint-disable no-control-regex -- these patterns exist to match control characters */
// CSI sequences, OSC sequences (ended by BEL or ST), and two-byte escapes.
const ANSI =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
const LINE_BREAKS_AND_CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g
/* eslint-enable no-control-regex */

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '')
}

/** A name on one line: control characters (line breaks included) become spaces. */
export function oneLine(text: string): string {
  return stripAnsi(text).replace(LINE_BREAKS_AND_CONTROL, ' ').replace(/ {2,}/g, ' ').trim()
}

/** For HTML, including inside `<pre>`: no tag can open or close. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

/** Output lines for a `<pre>` block: ANSI and control characters removed, HTML escaped. */
export function preText(text: string): string {
  return escapeHtml(stripAnsi(text).replace(CONTROL, ''))
}

/**
 * Inline Markdown text (a table cell, a heading): one line, HTML escaped, and every
 * character Markdown gives a meaning to escaped, so `|` cannot end a cell and `*`, `_`,
 * `` ` ``, `[` cannot format.
 */
export function markdownText(text: string): string {
  return escapeHtml(oneLine(text)).replace(/[\\`*_{}[\]()#+\-.!|~]/g, char => `\\${char}`)
}

/**
 * An id in a code span. A declared id is plain ([A-Za-z0-9_-]), but a matrix instance's
 * holds its values (`test (a|b)`): a code span shows any character as itself except a
 * backtick, which would end it, and `|`, which ends a table cell even inside one; an id
 * with either is written as escaped Markdown text in a `<code>` element instead.
 */
export function code(id: string): string {
  return /[`|]/.test(id) ? `<code>${markdownText(id)}</code>` : `\`${id}\``
}

/** 1234 ms -> "1.2s", 75_000 -> "1m 15s", 3_700_000 -> "1h 1m". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`
  const seconds = Math.round(ms / 1000)
  if (seconds < 3600)
    return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`
  return `${Math.floor(seconds / 3600)}h ${Math.floor((seconds % 3600) / 60)}m`
}
