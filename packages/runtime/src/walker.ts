/**
 * The one evaluator of encoded decision tables (docs/bundle-format.md,
 * "Encoded tables"), shared by the JSON runtime and the generated JS module:
 * the runtime imports this function, and the compiler embeds its text
 * (walker-source.ts, generated from this file by
 * `scripts/gen-walker-source.mjs`, checked by a test) into every module, so
 * the two cannot drift apart. It is a small fixed loop over flat integer
 * arrays, so its code does not grow with the table and V8 optimizes it after
 * a few calls, whatever the table's size.
 *
 * This file must stay self-contained: no imports, no references to anything
 * outside `$walker` but JavaScript's built-ins, and only syntax that type
 * stripping turns into plain ES2022.
 *
 * Reading a context (docs/runtime.md, "Hostile contexts"): a path is
 * followed one key at a time, through own properties of non-array objects
 * only (`Object.prototype.hasOwnProperty`, then one read of the property);
 * every path prefix is read at most once per call, a list's elements are
 * copied once before anything looks at them, and any step that throws (a
 * throwing getter, a revoked Proxy) makes the value absent. Nothing is read
 * before the walk needs it. A value is present for its column when it has
 * the column's type: an `int` must be a safe integer (|x| ≤ 2^53 - 1) and a
 * `number` finite, so numbers beyond exact precision count as absent.
 *
 * Invariant: `find` never throws on any context, and a call that starts
 * inside another (a getter calling `decide`) gets a cache of its own, so
 * neither call sees the other's values.
 */

/**
 * An encoded decision table as the bundle file holds it (the `table` field
 * without `src`; docs/bundle-format.md, "Encoded tables"), which the walker
 * reads as it is: `rows` two integers per row (outcome difference, test
 * count), `nodes` with children as distances back and a leaf's rows as
 * differences.
 */
export interface WalkerTable {
  readonly literals: readonly (string | number | boolean)[];
  readonly tests: readonly number[];
  readonly lists: readonly number[];
  readonly rows: readonly number[];
  readonly rowTests: readonly number[];
  readonly nodes: readonly number[];
  readonly root: number;
}

/** A column as the walker needs it: its path and type. */
export interface WalkerColumn {
  readonly path: string;
  readonly type: string;
  readonly values?: readonly string[];
  /**
   * Present on an experiment's arm column (docs/experiments.md#assignment):
   * the column's value is not read from `path` but computed from the unit
   * found there, as the arm (one of `values`, in order) whose range holds
   * the unit's bucket, or absent when the unit enrolls nobody.
   */
  readonly experiment?: { readonly name: string; readonly seed: string; readonly ranges: readonly (readonly number[])[]; readonly unit: string };
  readonly element?: string;
}

/** What an explaining walk records (explain.ts turns it into words). */
export interface WalkerTrace {
  /** Per dispatch step: node, branch (see `find`), next node, the column's raw value, its value (undefined: absent). */
  readonly steps: unknown[];
  /** Every `rows` leaf reached, in order. */
  readonly leaves: number[];
  /** Per row tried: row, failing test (-1: matched), the failing column's raw value and value. */
  readonly tried: unknown[];
}

export interface Walker<A> {
  /**
   * Answers for `context`: `build(row, gates)` with the first matching row
   * in table order (-1 when none) and the consent gates' values (a bit mask, or a list of
   * booleans above 30 gates). With a trace, records the walk; branches are
   * -1 for absent, -2 for `other`, a switch's case position, a split's
   * position among its bounds, 1/0 for a test's then/else.
   */
  find(context: unknown, trace: WalkerTrace | null): A;
}

export function $walker<A>(
  table: WalkerTable,
  columns: readonly WalkerColumn[],
  gatePaths: readonly string[],
  step: ((slot: number, holder: object) => unknown) | null,
  build: (row: number, gates: number | boolean[]) => A,
): Walker<A> {
  // The table is read as the file holds it (docs/bundle-format.md,
  // "Encoded tables"): loading finds where each node starts and nothing
  // more, and each node is laid out for the walk when a walk first reaches
  // it (see `place`), so that loading a large table costs little more than
  // parsing it.
  const literals = table.literals;
  // The index is read as it is: only loading and a node's first visit read
  // it (a walk reads `walkCode`), and copying it would cost more than those
  // reads (a million integers at 10,000 scenarios). The arrays a walk reads
  // on every call are copied into typed arrays; Int32Array.from copies a
  // parsed JSON array several times faster than the constructor does.
  const code = table.nodes;
  const tests = Int32Array.from(table.tests);
  const lists = Int32Array.from(table.lists);
  const rowTests = Int32Array.from(table.rowTests);
  const root = table.root;
  const numbers = new Float64Array(literals.length);
  for (let i = 0; i < literals.length; i++) {
    const literal = literals[i];
    numbers[i] = typeof literal === "number" ? literal : NaN;
  }

  // Each row's tests: the file gives their count, and they follow each other in `rowTests`.
  const fileRows = table.rows;
  const rowCount = fileRows.length >> 1;
  const rowFirst = new Int32Array(rowCount);
  const rowLength = new Int32Array(rowCount);
  for (let r = 0, first = 0; r < rowCount; r++) {
    const count = fileRows[2 * r + 1] as number;
    rowFirst[r] = first;
    rowLength[r] = count;
    first += count;
  }

  // Where each node starts in `code` (the only pass over the index at
  // load), and whether any is a `union`. Node `id` refers to a child `c`
  // as the distance `id - c`. Every node takes at least two integers.
  const length = code.length;
  const start = new Int32Array((length >> 1) + 1);
  let nodeCount = 0;
  let hasUnion = false;
  for (let at = 0; at < length; nodeCount++) {
    start[nodeCount] = at;
    const kind = code[at] as number;
    if (kind === 1) at += 5 + 2 * (code[at + 4] as number);
    else if (kind === 2) at += 5 + 3 * (code[at + 3] as number);
    else if (kind === 3) at += 4;
    else {
      if (kind === 4) hasUnion = true;
      at += 2 + (code[at + 1] as number);
    }
  }
  // A Map for every switch with many cases, made when a walk first meets it.
  const maps: (Map<unknown, number> | null | undefined)[] = [];

  /** The nodes node `id` leads to. */
  function targets(id: number): number[] {
    const at = start[id] as number;
    const kind = code[at] as number;
    const out: number[] = [];
    if (kind === 1) {
      out.push(id - (code[at + 2] as number), id - (code[at + 3] as number));
      for (let i = 0; i < (code[at + 4] as number); i++) out.push(id - (code[at + 6 + 2 * i] as number));
    } else if (kind === 2) {
      const bounds = code[at + 3] as number;
      out.push(id - (code[at + 2] as number));
      for (let i = 0; i <= 2 * bounds; i++) out.push(id - (code[at + 4 + bounds + i] as number));
    } else if (kind === 3) out.push(id - (code[at + 2] as number), id - (code[at + 3] as number));
    else if (kind === 4) for (let i = 0; i < (code[at + 1] as number); i++) out.push(id - (code[at + 2 + i] as number));
    return out;
  }

  // The earliest row each node can lead to (rowCount when none): a walk
  // skips a `union` part whose earliest row comes after the row it already
  // found. Only a walk that meets a `union` node ever reads it, so a table
  // without one skips this at load. The compiler numbers every node after
  // the nodes it leads to, so one pass in node order usually computes it;
  // when a bundle orders its nodes otherwise, the rest is computed children
  // first with an explicit stack (the index has no cycles: loadBundle checks
  // it, and the compiler builds none). A leaf's first row is its earliest,
  // a leaf listing its rows in increasing order.
  const leastRow = new Int32Array(hasUnion ? nodeCount : 0).fill(-1);
  // In node order, each node's children are read inline (no call per
  // child: at import this loop runs in V8's interpreter): -1 when any child
  // is not known yet.
  for (let id = 0, at = 0; id < leastRow.length; id++) {
    const kind = code[at] as number;
    let least = rowCount;
    // Children at `first` and `second` (-1: none), then from `from` to `end` every `step`.
    let first = -1;
    let second = -1;
    let from: number;
    let end: number;
    let step = 1;
    if (kind === 0) {
      const count = code[at + 1] as number;
      if (count > 0) least = code[at + 2] as number;
      from = end = at + 2 + count;
    } else if (kind === 1) {
      first = at + 2;
      second = at + 3;
      from = at + 6;
      end = at + 5 + 2 * (code[at + 4] as number);
      step = 2;
    } else if (kind === 2) {
      const k = code[at + 3] as number;
      first = at + 2;
      from = at + 4 + k;
      end = at + 5 + 3 * k;
    } else if (kind === 3) {
      first = at + 2;
      second = at + 3;
      from = end = at + 4;
    } else {
      from = at + 2;
      end = at + 2 + (code[at + 1] as number);
    }
    if (first >= 0) {
      const known = leastRow[id - (code[first] as number)] as number;
      least = known < 0 ? -1 : known < least ? known : least;
    }
    if (second >= 0 && least >= 0) {
      const known = leastRow[id - (code[second] as number)] as number;
      least = known < 0 ? -1 : known < least ? known : least;
    }
    for (let q = from; q < end && least >= 0; q += step) {
      const known = leastRow[id - (code[q] as number)] as number;
      least = known < 0 ? -1 : known < least ? known : least;
    }
    leastRow[id] = least;
    at = end;
  }
  for (let id = 0; id < leastRow.length; id++) {
    if ((leastRow[id] as number) >= 0) continue;
    const stack = [id];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as number;
      if ((leastRow[top] as number) >= 0) {
        stack.pop();
        continue;
      }
      const next = targets(top);
      let ready = true;
      let least = rowCount;
      for (const child of next) {
        const known = leastRow[child] as number;
        if (known < 0) {
          stack.push(child);
          ready = false;
        } else if (known < least) least = known;
      }
      if (ready) {
        leastRow[top] = least;
        stack.pop();
      }
    }
  }

  // Nodes laid out for the walk (docs/runtime.md, "Performance"), each
  // when a walk first reaches it, one after another in `walkCode` in the
  // order walks reach them: each starts with its kind, its id (for
  // `explain` and the switch Maps) and its earliest row (-1 without a
  // union node, as nothing reads it), and refers to the nodes it leads to
  // by their offsets in `walkCode`, or, while one is not laid out yet, as
  // -1 - its id, which the first walk to follow it replaces by its offset
  // (`target`). A leaf lists each candidate row with its tests inline
  // (each test's number, operator and column in one integer, argument, copied from
  // `tests`), a split's bounds are numbers at `numbersAt` in `walkNumbers`
  // and a switch's case literals values at `valuesAt` in `walkValues`, so
  // that a step reads the values it compares with directly instead of
  // through `literals`, and a row's tests without going through `rowTests`
  // and `tests`: each indirection is a dependent load, and a decision makes
  // about a hundred steps. At 10,000 scenarios (megabytes of index) this
  // also saves a cache miss per array, while a table's first walk pays
  // only for the nodes it reaches.
  //
  //   leaf    0, id, least, count, per row: row, n, n × (test, op + 8 × column, argument)
  //   switch  1, id, least, column, absent, other, cases, valuesAt, verify, target per case
  //   split   2, id, least, column, absent, k, numbersAt, 2k+1 targets
  //   test    3, id, least, test, then, else
  //   union   4, id, least, count, parts
  //
  // Offset 0 holds no node, so that 0 in `walkAt` means "not laid out".
  const walkAt = new Int32Array(nodeCount);
  let walkCode = new Int32Array(1024);
  let walkSize = 1;
  let walkNumbers = new Float64Array(256);
  let numbersSize = 0;
  const walkValues: (string | number | boolean)[] = [];

  /** Where child `back` nodes before `id` is, as `walkCode` refers to it. */
  function ref(id: number, back: number): number {
    const at = walkAt[id - back] as number;
    return at > 0 ? at : -1 - (id - back);
  }

  /** Lays node `id` out at the end of `walkCode` and gives its offset. */
  function place(id: number): number {
    const at = start[id] as number;
    const kind = code[at] as number;
    let size: number;
    if (kind === 0) {
      size = 4;
      // The leaf's rows, each as its difference from the one before.
      for (let i = 0, r = 0; i < (code[at + 1] as number); i++) {
        r += code[at + 2 + i] as number;
        size += 2 + 3 * (rowLength[r] as number);
      }
    } else size = kind === 1 ? 9 + (code[at + 4] as number) : kind === 2 ? 8 + 2 * (code[at + 3] as number) : kind === 3 ? 6 : 4 + (code[at + 1] as number);
    if (walkSize + size > walkCode.length) {
      const grown = new Int32Array(Math.max(2 * walkCode.length, walkSize + size));
      grown.set(walkCode);
      walkCode = grown;
    }
    const to = walkSize;
    walkSize += size;
    walkAt[id] = to;
    const w = walkCode;
    w[to] = kind;
    w[to + 1] = id;
    w[to + 2] = hasUnion ? (leastRow[id] as number) : -1;
    if (kind === 0) {
      const count = code[at + 1] as number;
      w[to + 3] = count;
      for (let i = 0, r = 0, e = to + 4; i < count; i++) {
        r += code[at + 2 + i] as number;
        const first = rowFirst[r] as number;
        const n = rowLength[r] as number;
        w[e] = r;
        w[e + 1] = n;
        e += 2;
        // A test's operation (0 to 7) and column share an integer, so that a row's tests take three each.
        for (let j = 0; j < n; j++, e += 3) {
          const t = rowTests[first + j] as number;
          w[e] = t;
          w[e + 1] = (tests[4 * t] as number) | ((tests[4 * t + 1] as number) << 3);
          w[e + 2] = tests[4 * t + 2] as number;
        }
      }
    } else if (kind === 1) {
      const cases = code[at + 4] as number;
      w[to + 3] = code[at + 1] as number;
      w[to + 4] = ref(id, code[at + 2] as number);
      w[to + 5] = ref(id, code[at + 3] as number);
      w[to + 6] = cases;
      w[to + 7] = walkValues.length;
      // Whether a case needs its value checked against the enum's members (lazyEnum below): only when one of its literals is not a member.
      const c = code[at + 1] as number;
      let verify = 0;
      for (let i = 0; i < cases; i++) {
        const literal = literals[code[at + 5 + 2 * i] as number] as string | number | boolean;
        if (lazyEnum[c] === 1 && !(members[c] as Set<unknown>).has(literal)) verify = 1;
        walkValues.push(literal);
        w[to + 9 + i] = ref(id, code[at + 6 + 2 * i] as number);
      }
      w[to + 8] = verify;
    } else if (kind === 2) {
      const k = code[at + 3] as number;
      w[to + 3] = code[at + 1] as number;
      w[to + 4] = ref(id, code[at + 2] as number);
      w[to + 5] = k;
      if (numbersSize + k > walkNumbers.length) {
        const grown = new Float64Array(Math.max(2 * walkNumbers.length, numbersSize + k));
        grown.set(walkNumbers);
        walkNumbers = grown;
      }
      w[to + 6] = numbersSize;
      for (let i = 0; i < k; i++) walkNumbers[numbersSize + i] = numbers[code[at + 4 + i] as number] as number;
      numbersSize += k;
      for (let i = 0; i <= 2 * k; i++) w[to + 7 + i] = ref(id, code[at + 4 + k + i] as number);
    } else if (kind === 3) {
      w[to + 3] = code[at + 1] as number;
      w[to + 4] = ref(id, code[at + 2] as number);
      w[to + 5] = ref(id, code[at + 3] as number);
    } else {
      const count = code[at + 1] as number;
      w[to + 3] = count;
      for (let i = 0; i < count; i++) w[to + 4 + i] = ref(id, code[at + 2 + i] as number);
    }
    return to;
  }

  /** The offset of the node whose reference is at `q` in `walkCode`, laying it out first if need be. */
  function target(q: number): number {
    const to = walkCode[q] as number;
    if (to > 0) return to;
    const id = -1 - to;
    let placed = walkAt[id] as number;
    if (placed === 0) placed = place(id);
    // After `place`, which may have grown `walkCode`.
    walkCode[q] = placed;
    return placed;
  }


  // A Set for every `in` / `notIn` test with many literals, made when the test is first evaluated.
  const sets: (Set<unknown> | null | undefined)[] = [];
  /** Test `t`'s Set of literals, or null when it has few (a scan is as fast). */
  function setOf(t: number): Set<unknown> | null {
    const first = tests[4 * t + 2] as number;
    const length = tests[4 * t + 3] as number;
    let set: Set<unknown> | null = null;
    if (length > 8) {
      set = new Set();
      for (let i = 0; i < length; i++) set.add(literals[lists[first + i] as number]);
    }
    sets[t] = set;
    return set;
  }

  /** Switch node `id`'s Map from literal to case position, or null when it has few cases (a scan is as fast). */
  function mapOf(id: number): Map<unknown, number> | null {
    const at = start[id] as number;
    const cases = code[at + 4] as number;
    let map: Map<unknown, number> | null = null;
    if (cases > 8) {
      map = new Map();
      for (let i = 0; i < cases; i++) map.set(literals[code[at + 5 + 2 * i] as number], i);
    }
    maps[id] = map;
    return map;
  }

  // Slots: every distinct path prefix, read from its parent slot's value.
  const slotOf = new Map<string, number>();
  const parents: number[] = [];
  const keys: string[] = [];
  const columnSlot: number[] = [];
  const columnType: number[] = [];
  const elementType: number[] = [];
  const members: (Set<unknown> | null)[] = [];
  const armSeed: (string | null)[] = [];
  const armRanges: (readonly (readonly number[])[] | null)[] = [];
  const armNames: (readonly string[] | null)[] = [];
  const armUnitIsInt: boolean[] = [];
  const TYPES = ["bool", "int", "number", "string", "enum", "list"];
  const all = columns.concat(gatePaths.map((path) => ({ path, type: "bool" })));
  for (let c = 0; c < all.length; c++) {
    const column = all[c] as WalkerColumn;
    const path = column.path.split(".");
    let parent = -1;
    for (let depth = 0; depth < path.length; depth++) {
      // The JSON of the prefix keeps `a.b` (two steps) apart from the single key "a.b".
      const prefix = JSON.stringify(path.slice(0, depth + 1));
      let slot = slotOf.get(prefix);
      if (slot === undefined) {
        slot = keys.length;
        slotOf.set(prefix, slot);
        parents.push(parent);
        keys.push(path[depth] as string);
      }
      parent = slot;
    }
    columnSlot.push(parent);
    columnType.push(TYPES.indexOf(column.type));
    elementType.push(TYPES.indexOf(column.element ?? "string"));
    members.push(column.values === undefined ? null : new Set(column.values));
    armSeed.push(column.experiment === undefined ? null : column.experiment.seed);
    armRanges.push(column.experiment === undefined ? null : column.experiment.ranges);
    armNames.push(column.experiment === undefined ? null : (column.values ?? []));
    armUnitIsInt.push(column.experiment !== undefined && column.experiment.unit === "int");
  }
  const slotCount = keys.length;
  const columnCount = all.length;
  const gateBase = columns.length;
  const gateCount = gatePaths.length;
  const hasOwn = Object.prototype.hasOwnProperty;
  const isArray = Array.isArray;
  const isSafeInteger = Number.isSafeInteger;
  const isFinite = Number.isFinite;
  /** FNV-1a over UTF-16 code units, 32 bits (Math.imul multiplies by the FNV prime modulo 2^32). */
  function fnv(text: string): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    return hash >>> 0;
  }

  function scalarOf(type: number, set: Set<unknown> | null, value: unknown): boolean {
    switch (type) {
      case 0:
        return typeof value === "boolean";
      case 1:
        return isSafeInteger(value);
      case 2:
        return typeof value === "number" && isFinite(value);
      case 3:
        return typeof value === "string";
      case 4:
        return typeof value === "string" && set !== null && set.has(value);
      default:
        return false;
    }
  }

  // Enum columns whose membership is checked only when it matters
  // (docs/runtime.md, "Performance"): a value of such a column is kept as
  // read when it is a string, since every `eq` and `in` literal on the
  // column is a member, so a test comparing it with literals gives the same
  // result for a string that is not a member (absent: false) as for a
  // member it does not equal (false), and so does a switch case whose
  // literal is a member. Only `present`, `notIn`, a switch's `other` branch
  // (or a case whose literal is not a member, `verify`) and a trace ask the
  // column's Set. A string outside the enum is thus still absent, and this
  // saves a Set lookup (the string's hash, on a fresh context) on most enum
  // reads. A column with a literal outside its members in any such test,
  // and an experiment's arm column (computed, always a member or absent), keep the
  // check on every read.
  const lazyEnum = new Uint8Array(columnCount);
  for (let c = 0; c < columns.length; c++) lazyEnum[c] = columnType[c] === 4 && armSeed[c] === null && members[c] !== null ? 1 : 0;
  for (let t = 0; 4 * t < tests.length; t++) {
    const op = tests[4 * t] as number;
    const c = tests[4 * t + 1] as number;
    if (lazyEnum[c] !== 1 || (op !== 1 && op !== 2)) continue;
    const set = members[c] as Set<unknown>;
    const a = tests[4 * t + 2] as number;
    if (op === 1) {
      if (!set.has(literals[a])) lazyEnum[c] = 0;
    } else {
      for (let i = 0; i < (tests[4 * t + 3] as number); i++) if (!set.has(literals[lists[a + i] as number])) lazyEnum[c] = 0;
    }
  }
  /** The type a column's value is read as: a string for a lazily checked enum. */
  const readType = columnType.map((type, c) => (lazyEnum[c] === 1 ? 3 : type));
  /** Whether a value read for column `c` counts as present: for a lazily checked enum, when it is a member. */
  function member(c: number, value: unknown): boolean {
    return lazyEnum[c] === 0 || (members[c] as Set<unknown>).has(value);
  }

  const rootAt = place(root);

  // Which slots hold other slots' parents: only their values are looked at as holders.
  const isParent = new Uint8Array(slotCount);
  for (let s = 0; s < slotCount; s++) if ((parents[s] as number) >= 0) isParent[parents[s] as number] = 1;

  function instance(): Walker<A> {
    // Stamps are int32 (cheaper to compare than doubles); after 2^31 - 2
    // calls the generation starts over at 1 and every stamp is cleared.
    let generation = 0;
    let busy = false;
    /** The context when it can hold properties (a non-array object), else null. */
    let rootHolder: object | null = null;
    let nested: Walker<A> | null = null;
    const slotStamp = new Int32Array(slotCount);
    const slotValue: unknown[] = new Array(slotCount).fill(undefined);
    /** Per parent slot: its value when it can hold properties (a non-array object), else null. */
    const slotHolder: (object | null)[] = new Array(slotCount).fill(null);
    const copyStamp = new Int32Array(slotCount);
    const copyValue: (unknown[] | null)[] = new Array(slotCount).fill(null);
    const columnStamp = new Int32Array(columnCount);
    const columnValue: unknown[] = new Array(columnCount).fill(undefined);

    /** `value` when it can hold properties along a path (an object, not an array), else null; never throws. */
    function holderOf(value: unknown): object | null {
      if (typeof value !== "object" || value === null) return null;
      try {
        return isArray(value) ? null : value;
      } catch {
        // Array.isArray throws on a revoked Proxy.
        return null;
      }
    }

    function slot(s: number): unknown {
      if (slotStamp[s] === generation) return slotValue[s];
      const parent = parents[s] as number;
      let holder: object | null;
      if (parent < 0) holder = rootHolder;
      else {
        if (slotStamp[parent] !== generation) slot(parent);
        holder = slotHolder[parent] as object | null;
      }
      let value: unknown = undefined;
      if (holder !== null) {
        try {
          if (hasOwn.call(holder, keys[s] as string)) value = step === null ? (holder as { [key: string]: unknown })[keys[s] as string] : step(s, holder);
        } catch {
          value = undefined;
        }
      }
      slotStamp[s] = generation;
      slotValue[s] = value;
      if (isParent[s] === 1) slotHolder[s] = holderOf(value);
      return value;
    }

    /** The elements of the list at slot `s`, copied once per call; null when it is not a readable list. */
    function copy(s: number): unknown[] | null {
      if (copyStamp[s] === generation) return copyValue[s] as unknown[] | null;
      const raw = slot(s);
      let elements: unknown[] | null = null;
      try {
        if (isArray(raw)) {
          const length = (raw as unknown[]).length;
          elements = new Array(length);
          for (let i = 0; i < length; i++) elements[i] = (raw as unknown[])[i];
        }
      } catch {
        elements = null;
      }
      copyStamp[s] = generation;
      copyValue[s] = elements;
      return elements;
    }

    /** Column `c`'s value: the value when present and of the column's type, else undefined. */
    function column(c: number): unknown {
      if (columnStamp[c] === generation) return columnValue[c];
      const type = columnType[c] as number;
      let value: unknown = undefined;
      if (type === 5) {
        const elements = copy(columnSlot[c] as number);
        if (elements !== null) {
          value = elements;
          const element = elementType[c] as number;
          const set = members[c] as Set<unknown> | null;
          for (let i = 0; i < elements.length; i++) {
            if (!scalarOf(element, set, elements[i])) {
              value = undefined;
              break;
            }
          }
        }
      } else if (armSeed[c] !== null) {
        value = arm(c, slot(columnSlot[c] as number));
      } else {
        const raw = slot(columnSlot[c] as number);
        if (scalarOf(readType[c] as number, members[c] as Set<unknown> | null, raw)) value = raw;
      }
      columnStamp[c] = generation;
      columnValue[c] = value;
      return value;
    }

    /**
     * The arm a unit value is assigned to, as GrowthBook's SDKs assign it
     * (experiment-assignment.ts has the same steps, explained): a non-empty
     * string or a nonzero safe int is hashed with FNV-1a twice (hash version
     * 2), and the first range `[start, end)` holding the bucket names the arm.
     */
    function arm(c: number, raw: unknown): unknown {
      let unit: string;
      if (armUnitIsInt[c] === true) {
        if (!isSafeInteger(raw) || raw === 0) return undefined;
        unit = String(raw);
      } else {
        if (typeof raw !== "string" || raw === "") return undefined;
        unit = raw;
      }
      const bucket = (fnv(String(fnv((armSeed[c] as string) + unit))) % 10000) / 10000;
      const ranges = armRanges[c] as readonly (readonly number[])[];
      for (let i = 0; i < ranges.length; i++) {
        const range = ranges[i] as readonly number[];
        if (bucket >= (range[0] as number) && bucket < (range[1] as number)) return (armNames[c] as readonly string[])[i];
      }
      return undefined;
    }

    function listed(t: number, value: unknown): boolean {
      let set = sets[t];
      if (set === undefined) set = setOf(t);
      if (set !== null) return set.has(value);
      const first = tests[4 * t + 2] as number;
      const length = tests[4 * t + 3] as number;
      for (let i = 0; i < length; i++) if (literals[lists[first + i] as number] === value) return true;
      return false;
    }

    /** Whether test `t` holds; every test but `present: false` is false on an absent value. */
    function holds(t: number): boolean {
      return check(t, tests[4 * t] as number, tests[4 * t + 1] as number, tests[4 * t + 2] as number);
    }

    /** Whether test `t`, whose operator, column and argument are given (a leaf holds them inline), holds. */
    function check(t: number, op: number, c: number, a: number): boolean {
      const value = column(c);
      switch (op) {
        case 0:
          return (value !== undefined && member(c, value)) === (a === 1);
        case 1:
          return value !== undefined && value === literals[a];
        case 2:
          return value !== undefined && listed(t, value);
        case 3:
          return value !== undefined && member(c, value) && !listed(t, value);
        case 4: {
          if (value === undefined) return false;
          const count = tests[4 * t + 3] as number;
          for (let i = 0; i < count; i++) {
            const low = lists[a + 3 * i] as number;
            const high = lists[a + 3 * i + 1] as number;
            const flags = lists[a + 3 * i + 2] as number;
            if (low >= 0 && !((flags & 1) !== 0 ? (value as number) >= (numbers[low] as number) : (value as number) > (numbers[low] as number))) continue;
            if (high >= 0 && !((flags & 2) !== 0 ? (value as number) <= (numbers[high] as number) : (value as number) < (numbers[high] as number))) continue;
            return true;
          }
          return false;
        }
        case 5:
          return value === (a === 1);
        case 6:
          return value !== undefined && (value as unknown[]).includes(literals[a]);
        default:
          return value !== undefined && !(value as unknown[]).includes(literals[a]);
      }
    }

    /** The first of the `count` tests a leaf lists inline from `e` (a row's) that fails, or -1 when they all hold. */
    function failing(e: number, count: number): number {
      // `walkCode` is read once: a getter calling `decide` may lay out nodes, which can replace the array (the old one keeps this row).
      const w = walkCode;
      for (let i = 0; i < count; i++, e += 3) {
        const t = w[e] as number;
        const opColumn = w[e + 1] as number;
        if (!check(t, opColumn & 7, opColumn >> 3, w[e + 2] as number)) return t;
      }
      return -1;
    }

    /** Column `c`'s value as a trace reports it (undefined: absent), its enum membership checked. */
    function seen(c: number): unknown {
      const value = columnValue[c];
      return value !== undefined && !member(c, value) ? undefined : value;
    }

    // Parts of `union` nodes still to walk, by where `walkCode` refers to
    // them: one stack per instance, empty between calls, so that a walk
    // through a union allocates nothing.
    const pending: number[] = [];

    /**
     * The row that answers, or -1: the index's walk from the root, `union`
     * parts waiting on a stack. `found` is the earliest matching row so far
     * (rowCount: none); rows at or after it are never tried, and a part
     * that cannot lead to an earlier row is skipped. Every walk reaches at
     * least one leaf, which `explain` reports.
     */
    function walk(trace: WalkerTrace | null): number {
      let found = rowCount;
      let p = rootAt;
      for (;;) {
        // Once a row is found, a node that leads only to later rows is skipped.
        if (found < rowCount && (walkCode[p + 2] as number) >= found) {
          if (pending.length === 0) break;
          p = target(pending.pop() as number);
          continue;
        }
        const kind = walkCode[p] as number;
        if (kind === 0) {
          if (trace !== null) trace.leaves.push(walkCode[p + 1] as number);
          const count = walkCode[p + 3] as number;
          for (let i = 0, e = p + 4; i < count; i++) {
            const r = walkCode[e] as number;
            if (r >= found) break;
            const n = walkCode[e + 1] as number;
            const failed = failing(e + 2, n);
            if (trace !== null) {
              const c = failed < 0 ? -1 : (tests[4 * failed + 1] as number);
              trace.tried.push(r, failed, c < 0 ? undefined : slotValue[columnSlot[c] as number], c < 0 ? undefined : seen(c));
            }
            if (failed < 0) {
              found = r;
              break;
            }
            e += 2 + 3 * n;
          }
          if (pending.length === 0) break;
          p = target(pending.pop() as number);
        } else if (kind === 4) {
          const count = walkCode[p + 3] as number;
          for (let i = count - 1; i > 0; i--) pending.push(p + 4 + i);
          p = target(p + 4);
        } else {
          let c: number;
          let branch: number;
          let q: number;
          if (kind === 3) {
            const t = walkCode[p + 3] as number;
            c = tests[4 * t + 1] as number;
            branch = holds(t) ? 1 : 0;
            q = p + 5 - branch;
          } else {
            c = walkCode[p + 3] as number;
            const value = column(c);
            if (value === undefined) {
              branch = -1;
              q = p + 4;
            } else if (kind === 1) {
              const id = walkCode[p + 1] as number;
              let map = maps[id];
              if (map === undefined) map = mapOf(id);
              branch = -2;
              if (map !== null) branch = map.get(value) ?? -2;
              else {
                const cases = walkCode[p + 6] as number;
                const values = walkCode[p + 7] as number;
                for (let i = 0; i < cases; i++) {
                  if (walkValues[values + i] === value) {
                    branch = i;
                    break;
                  }
                }
              }
              // A string outside a lazily checked enum is absent, not `other` (see lazyEnum).
              if ((branch === -2 || walkCode[p + 8] === 1) && !member(c, value)) {
                branch = -1;
                q = p + 4;
              } else q = branch < 0 ? p + 5 : p + 9 + branch;
            } else {
              // Binary search: 2i below bounds[i], 2i+1 at bounds[i], 2k above all k bounds.
              const k = walkCode[p + 5] as number;
              const bounds = walkCode[p + 6] as number;
              let low = 0;
              let high = k;
              while (low < high) {
                const middle = (low + high) >>> 1;
                if ((walkNumbers[bounds + middle] as number) < (value as number)) low = middle + 1;
                else high = middle;
              }
              branch = low < k && walkNumbers[bounds + low] === value ? 2 * low + 1 : 2 * low;
              q = p + 7 + branch;
            }
          }
          const next = target(q);
          if (trace !== null) trace.steps.push(walkCode[p + 1] as number, branch, walkCode[next + 1] as number, slotValue[columnSlot[c] as number], seen(c));
          p = next;
        }
      }
      return found < rowCount ? found : -1;
    }

    function find(input: unknown, trace: WalkerTrace | null): A {
      if (busy) return (nested ??= instance()).find(input, trace);
      busy = true;
      rootHolder = holderOf(input);
      if (++generation === 0x7fffffff) {
        generation = 1;
        slotStamp.fill(0);
        copyStamp.fill(0);
        columnStamp.fill(0);
      }
      try {
        const row = walk(trace);
        let gates: number | boolean[] = 0;
        if (gateCount > 30) {
          gates = [];
          for (let i = 0; i < gateCount; i++) gates.push(column(gateBase + i) === true);
        } else {
          for (let i = 0; i < gateCount; i++) if (column(gateBase + i) === true) gates |= 1 << i;
        }
        return build(row, gates);
      } finally {
        busy = false;
        rootHolder = null;
      }
    }

    return { find };
  }

  return instance();
}
