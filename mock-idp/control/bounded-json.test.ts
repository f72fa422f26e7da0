import { describe, expect, it } from 'vitest'
import { JsonBodyError, jsonValueIssue, MAX_JSON_DEPTH, parseBoundedJson } from './bounded-json.js'

const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}${close.repeat(depth)}`

describe('parseBoundedJson', () => {
  it('parses JSON nested up to the bound', () => {
    expect(parseBoundedJson('{"a":[1,{"b":"c"}]}')).toEqual({ a: [1, { b: 'c' }] })
    expect(() => parseBoundedJson(nested(MAX_JSON_DEPTH))).not.toThrow()
  })

  it('refuses JSON nested one level beyond the bound, before parsing it', () => {
    expect(() => parseBoundedJson(nested(MAX_JSON_DEPTH + 1))).toThrow(/nests deeper than 32 levels/)
    expect(() => parseBoundedJson(`{"a":${'{"b":'.repeat(40)}1${'}'.repeat(41)}`)).toThrow(JsonBodyError)
  })

  it('refuses 100,000 levels of nesting with a clear error instead of overflowing the stack', () => {
    expect(() => parseBoundedJson(nested(100_000))).toThrow(JsonBodyError)
  })

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(parseBoundedJson(JSON.stringify({ text: `\\"${'['.repeat(100)}` }))).toEqual({
      text: `\\"${'['.repeat(100)}`,
    })
  })

  it('says why a body is not JSON', () => {
    expect(() => parseBoundedJson('not json')).toThrow(/the body is not valid JSON/)
  })
})

describe('jsonValueIssue', () => {
  it('accepts a value within the bound', () => {
    expect(jsonValueIssue({ a: [1, { b: null }] })).toBeUndefined()
    expect(jsonValueIssue(JSON.parse(nested(MAX_JSON_DEPTH)))).toBeUndefined()
  })

  it('names a value nested too deep, a circular one and a bigint', () => {
    expect(jsonValueIssue(JSON.parse(nested(MAX_JSON_DEPTH + 1)))).toBe('nests deeper than 32 levels')
    const circular: Record<string, unknown> = {}
    circular.self = circular
    expect(jsonValueIssue(circular)).toBe('is circular')
    expect(jsonValueIssue({ n: 1n })).toMatch(/bigint/)
  })

  it('walks a value that shares one object 2^32 ways without blowing up', () => {
    let shared: Record<string, unknown> = { leaf: true }
    for (let level = 0; level < 31; level++) shared = { left: shared, right: shared }
    expect(jsonValueIssue(shared)).toBeUndefined()
    expect(jsonValueIssue({ wrap: { more: shared } })).toBe('nests deeper than 32 levels')
  })
})
