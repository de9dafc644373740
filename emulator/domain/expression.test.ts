import { describe, expect, it } from 'vitest';
import { compileExpression } from './expression';

const check = (expression: string, attributes: Record<string, unknown>): boolean => {
  const compiled = compileExpression(expression);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.predicate(attributes);
};

describe('TaskRouter expressions', () => {
  const alice = { skills: ['support', 'billing'], languages: ['en'], level: 3, team: 'Tier 1', profile: { region: 'emea' } };

  it.each([
    ['1==1', true],
    ['1 == 2', false],
    ['skills HAS "support"', true],
    ['skills HAS "sales"', false],
    ['team == "Tier 1"', true],
    ["team == 'tier 1'", true],
    ['team != "Tier 1"', false],
    ['level >= 3 AND level < 5', true],
    ['level > 3 OR skills HAS "billing"', true],
    ['NOT (skills HAS "billing")', false],
    ['"en" IN languages', true],
    ['team IN ["Tier 2", "Tier 3"]', false],
    ['team NOT IN ["Tier 2"]', true],
    ['profile.region == "emea"', true],
    ['missing == "x"', false],
    ['team CONTAINS "tier"', true],
    ['skills HAS "support" && level == 3', true],
  ])('%s → %s', (expression, expected) => {
    expect(check(expression, alice)).toBe(expected);
  });

  it.each(['', 'skills HAS', '(1==1', 'a == "unterminated', 'a # b', '1==1 1==1'])('refuses %j with a message', (expression) => {
    const compiled = compileExpression(expression);
    expect(compiled.ok).toBe(false);
  });
});
