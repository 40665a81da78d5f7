import type { createLogUpdate } from 'log-update'
import { Writable } from 'node:stream'
import type { EscapePolicy } from './escape-filter.js'

/** Colour, when the terminal has it: `hasColors` honours NO_COLOR and FORCE_COLOR. */
export interface Paint {
  readonly enabled: boolean
  green(text: string): string
  red(text: string): string
  yellow(text: string): string
  dim(text: string): string
  bold(text: string): string
}

export function paintFor(stream: NodeJS.WriteStream): Paint {
  const enabled = stream.isTTY && stream.hasColors()
  const wrap =
    (open: number, close: number) =>
    (text: string): string =>
      enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text
  return {
    enabled,
    green: wrap(32, 39),
    red: wrap(31, 39),
    yellow: wrap(33, 39),
    dim: wrap(2, 22),
    bold: wrap(1, 22)
  }
}

/** What step output may put on `stream`: colours only on a terminal that shows them. */
export function escapePolicyFor(stream: NodeJS.WriteStream, paint: Paint): EscapePolicy {
  if (!stream.isTTY) return 'plain'
  return paint.enabled ? 'colour' : 'terminal'
}

/** How long output may pass before the live region comes back. */
const REDRAW_AFTER_OUTPUT_MS = 50

/**
 * The live lines at the bottom of a terminal, redrawn in place. Anything written through
 * `stream` goes above them: the region is erased first and drawn again shortly after, so
 * step output is never cut by it and never mixed into it. It is not drawn while what was
 * written last ends inside a line (a line too long to hold, passed on in pieces): it would
 * start on that line, and erasing it would erase the line's end.
 *
 * Everything the command prints goes through `stream`, the final table too: the stream
 * buffers writes while the terminal is busy, so a write straight to the terminal could
 * overtake output still queued here.
 */
export class LiveRegion {
  readonly stream: Writable
  private readonly update: ReturnType<typeof createLogUpdate>
  private timer: NodeJS.Timeout | undefined
  private pending: NodeJS.Timeout | undefined
  private stopped = false
  private atLineStart = true

  /**
   * log-update is loaded here, only on a terminal: importing it costs about 110 ms,
   * which a run in CI or a pipe has no use for.
   */
  static async create(terminal: NodeJS.WriteStream, render: () => string): Promise<LiveRegion> {
    const { createLogUpdate: create } = await import('log-update')
    return new LiveRegion(terminal, render, create)
  }

  private constructor(
    terminal: NodeJS.WriteStream,
    private readonly render: () => string,
    create: typeof createLogUpdate
  ) {
    this.update = create(terminal)
    this.stream = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.update.clear()
        if (chunk.length > 0) this.atLineStart = chunk[chunk.length - 1] === 0x0a
        terminal.write(chunk, done)
        this.drawSoon()
      }
    })
  }

  start(everyMs = 100): void {
    this.timer = setInterval(() => {
      this.draw()
    }, everyMs)
    this.timer.unref()
    this.draw()
  }

  draw(): void {
    if (!this.stopped && this.atLineStart) this.update(this.render())
  }

  /**
   * Erases the region for good (before the final table); `stream` then writes straight
   * on, in order after what it still holds.
   */
  stop(): void {
    this.stopped = true
    clearInterval(this.timer)
    clearTimeout(this.pending)
    this.update.clear()
    this.update.done()
  }

  private drawSoon(): void {
    if (this.pending || this.stopped) return
    this.pending = setTimeout(() => {
      this.pending = undefined
      this.draw()
    }, REDRAW_AFTER_OUTPUT_MS)
    this.pending.unref()
  }
}
