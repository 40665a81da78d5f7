import { describe, expect, it } from 'vitest'
import type { Annotation } from '../../src/report/annotations.js'
import { annotationOf, annotationRecord } from '../../src/report/run-record.js'

describe('annotations in a run record', () => {
  it('read back as they were kept, for a merge to plan them again', () => {
    const full: Annotation = {
      level: 'error',
      message: 'Bad type',
      title: 'Type check',
      file: 'a.ts',
      line: '3',
      endLine: '4',
      col: '1',
      endColumn: '9',
      step: 'typecheck'
    }
    const bare: Annotation = { level: 'notice', message: 'done' }
    expect(annotationRecord(bare)).toMatchObject({ title: null, file: null, step: null })
    expect(annotationOf(annotationRecord(full))).toEqual(full)
    expect(annotationOf(annotationRecord(bare))).toEqual(bare)
  })
})
