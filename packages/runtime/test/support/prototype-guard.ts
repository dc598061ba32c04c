/**
 * Registers an afterEach hook asserting that no test changed the built-in
 * prototypes: hostile contexts must stay data.
 */
import { afterEach, expect } from "vitest";

const guarded = [Object.prototype, Array.prototype, Function.prototype];

function snapshot(): string[][] {
  return guarded.map((prototype) => Reflect.ownKeys(prototype).map(String).sort());
}

export function guardPrototypes(): void {
  const before = snapshot();
  afterEach(() => {
    expect(snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
}
