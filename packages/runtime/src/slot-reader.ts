/**
 * How the JSON runtime reads one step of a context path, once the walker
 * has found the property to be the holder's own (walker.ts; docs/runtime.md,
 * "Hostile contexts"): `holder[key]`, read once.
 *
 * Why a switch: a read written once as `holder[keys[slot]]` sees every key
 * of the table at one place in the code, so V8 treats it as a read by a
 * key it cannot predict, a lookup in its global cache on every step. The
 * generated module reads each step at a place of its own with the key as
 * a constant (one `case` per slot). This reader gives each of the first
 * 32 slots a `case` of its own too, where the key is always the same, so
 * V8 learns that key there and reads the property as directly as the
 * module does; slots past those share the generic read (docs/runtime.md,
 * "Performance"). The code is fixed: it does not grow with the table.
 *
 * Why two switches: V8 inlines a function into its caller (the walker)
 * only when its bytecode is at most 460 bytes, and one switch of 32 cases
 * is 515, so every path step was a call; on `keyed` 1,000 (16 slots) that
 * call cost about 470 of the JSON runtime's 8,850 instructions per
 * decision (valgrind, 200,000 warm calls). The first 24 slots' switch is
 * 403 bytes, and a table with at most 24 slots (every bench program has
 * 16 to 20) gets it alone; a larger one gets both behind a comparison.
 * A test holds each switch under the limit.
 */
/** Slots with a `case` of their own in the first switch. */
export const FIRST_SLOTS = 24;

export function slotReader(keys: readonly string[]): (slot: number, holder: object) => unknown {
  const k = keys.slice();
  // Named, so that the size test can find each switch's bytecode.
  const readFirstSlots = function readFirstSlots(slot: number, object: object): unknown {
    const holder = object as { readonly [key: string]: unknown };
    switch (slot) {
      case 0:
        return holder[k[0] as string];
      case 1:
        return holder[k[1] as string];
      case 2:
        return holder[k[2] as string];
      case 3:
        return holder[k[3] as string];
      case 4:
        return holder[k[4] as string];
      case 5:
        return holder[k[5] as string];
      case 6:
        return holder[k[6] as string];
      case 7:
        return holder[k[7] as string];
      case 8:
        return holder[k[8] as string];
      case 9:
        return holder[k[9] as string];
      case 10:
        return holder[k[10] as string];
      case 11:
        return holder[k[11] as string];
      case 12:
        return holder[k[12] as string];
      case 13:
        return holder[k[13] as string];
      case 14:
        return holder[k[14] as string];
      case 15:
        return holder[k[15] as string];
      case 16:
        return holder[k[16] as string];
      case 17:
        return holder[k[17] as string];
      case 18:
        return holder[k[18] as string];
      case 19:
        return holder[k[19] as string];
      case 20:
        return holder[k[20] as string];
      case 21:
        return holder[k[21] as string];
      case 22:
        return holder[k[22] as string];
      case 23:
        return holder[k[23] as string];
      default:
        return holder[k[slot] as string];
    }
  };
  if (k.length <= FIRST_SLOTS) return readFirstSlots;
  const readLaterSlots = function readLaterSlots(slot: number, object: object): unknown {
    const holder = object as { readonly [key: string]: unknown };
    switch (slot) {
      case 24:
        return holder[k[24] as string];
      case 25:
        return holder[k[25] as string];
      case 26:
        return holder[k[26] as string];
      case 27:
        return holder[k[27] as string];
      case 28:
        return holder[k[28] as string];
      case 29:
        return holder[k[29] as string];
      case 30:
        return holder[k[30] as string];
      case 31:
        return holder[k[31] as string];
      default:
        return holder[k[slot] as string];
    }
  };
  return (slot: number, holder: object): unknown => (slot < FIRST_SLOTS ? readFirstSlots(slot, holder) : readLaterSlots(slot, holder));
}
