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
  // `explain`) and its earliest row (-1 without a union node, as nothing
  // reads it), and refers to the nodes it leads to by their offsets in
  // `walkCode`, or, while one is not laid out yet, as -1 - its id, which
  // the first walk to follow it replaces by its offset (`target`). A leaf
  // lists each candidate row with its tests inline, and a test node holds
  // its test the same way: each test as its number, its operation and
  // column in one integer, and an argument the test reads directly (see
  // `argument`). A split's bounds are numbers at `numbersAt` in
  // `walkNumbers`, and a switch's case literals are values at `valuesAt`
  // in `walkValues`, or there a Map from literal to case position when it
  // has more than 8 cases (a scan is as fast below that). A step thus
  // reads the values it compares with directly instead of through
  // `literals`, `tests` and `lists`, and before V8 optimizes the walk each
  // read of an array element is a costly bytecode, while afterwards each
  // indirection is a dependent load (about a hundred steps per decision
  // on a realistic 1,000-scenario table). At 10,000 scenarios (megabytes
  // of index) this also saves a cache miss per array, while a table's
  // first walk pays only for the nodes it reaches.
  //
  //   leaf    0, id, least, count, per row: row, n, n × (test, op + 8 × column, argument)
  //   switch  1, id, least, column, absent, other, cases, valuesAt, verify, target per case
  //   split   2, id, least, column, absent, k, numbersAt, 2k+1 targets
  //   test    3, id, least, test, op + 8 × column, argument, then, else
  //   union   4, id, least, count, parts
  //
  // Offset 0 holds no node, so that 0 in `walkAt` means "not laid out".
  const walkAt = new Int32Array(nodeCount);
  let walkCode = new Int32Array(1024);
  let walkSize = 1;
  let walkNumbers = new Float64Array(256);
  let numbersSize = 0;
  const walkValues: unknown[] = [];
  // Per test, where its argument for `walkNumbers` or `walkValues` was
  // laid out (-1: not yet), so that a test every leaf copies is laid out
  // once.
  const testCount = tests.length >> 2;
  const argumentAt = new Int32Array(testCount).fill(-1);

  /** Where child `back` nodes before `id` is, as `walkCode` refers to it. */
  function ref(id: number, back: number): number {
    const at = walkAt[id - back] as number;
    return at > 0 ? at : -1 - (id - back);
  }

  /** Room for `count` more numbers at the end of `walkNumbers`; gives where they go. */
  function numbersRoom(count: number): number {
    if (numbersSize + count > walkNumbers.length) {
      const grown = new Float64Array(Math.max(2 * walkNumbers.length, numbersSize + count));
      grown.set(walkNumbers);
      walkNumbers = grown;
    }
    const to = numbersSize;
    numbersSize += count;
    return to;
  }

  // The number right after a bound, so that every interval of a `range`
  // test is closed: `v > x` is `v >= above(x)` and `v < x` is
  // `v <= -above(-x)` for every number `v`, and a missing bound is an
  // infinite one (docs/bundle-format.md, "Unary tests and absent values":
  // a `range` test's column holds finite numbers only, and its bounds are
  // finite). The walk then compares a value with two numbers per interval.
  const bits = new DataView(new ArrayBuffer(8));
  function above(x: number): number {
    // NaN and +Infinity have no number after them.
    if (x !== x || x === Infinity) return x;
    if (x === 0) return Number.MIN_VALUE;
    bits.setFloat64(0, x);
    let high = bits.getUint32(0);
    let low = bits.getUint32(4);
    // The next double is the next integer of the same sign and magnitude bits (one less for a negative).
    if (x > 0) {
      low = (low + 1) >>> 0;
      if (low === 0) high++;
    } else {
      if (low === 0) high--;
      low = (low - 1) >>> 0;
    }
    bits.setUint32(0, high);
    bits.setUint32(4, low);
    return bits.getFloat64(0);
  }

  /**
   * Test `t`'s argument as the walk reads it: for `present` and `bool` 1
   * or 0, for `eq`, `contains` and `notContains` the literal's position;
   * for `in` and `notIn` the position in `walkValues` of a Set of the
   * literals when there are more than 8, else of their count followed by
   * the literals; for `range` the position in `walkNumbers` of the
   * interval count followed by each interval's lowest and highest value,
   * both inclusive (see `above`).
   */
  function argument(t: number): number {
    const op = tests[4 * t] as number;
    const a = tests[4 * t + 2] as number;
    if (op !== 2 && op !== 3 && op !== 4) return a;
    const known = argumentAt[t] as number;
    if (known >= 0) return known;
    const count = tests[4 * t + 3] as number;
    let to: number;
    if (op === 4) {
      to = numbersRoom(1 + 2 * count);
      walkNumbers[to] = count;
      for (let i = 0; i < count; i++) {
        const low = lists[a + 3 * i] as number;
        const high = lists[a + 3 * i + 1] as number;
        const flags = lists[a + 3 * i + 2] as number;
        const lowest = low < 0 ? -Infinity : (numbers[low] as number);
        const highest = high < 0 ? Infinity : (numbers[high] as number);
        walkNumbers[to + 1 + 2 * i] = low < 0 || (flags & 1) !== 0 ? lowest : above(lowest);
        walkNumbers[to + 2 + 2 * i] = high < 0 || (flags & 2) !== 0 ? highest : -above(-highest);
      }
    } else {
      to = walkValues.length;
      if (count > 8) {
        const set = new Set<unknown>();
        for (let i = 0; i < count; i++) set.add(literals[lists[a + i] as number]);
        walkValues.push(set);
      } else {
        walkValues.push(count);
        for (let i = 0; i < count; i++) walkValues.push(literals[lists[a + i] as number]);
      }
    }
    argumentAt[t] = to;
    return to;
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
    } else size = kind === 1 ? 9 + (code[at + 4] as number) : kind === 2 ? 8 + 2 * (code[at + 3] as number) : kind === 3 ? 8 : 4 + (code[at + 1] as number);
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
          w[e + 2] = argument(t);
        }
      }
    } else if (kind === 1) {
      const cases = code[at + 4] as number;
      const c = code[at + 1] as number;
      w[to + 3] = c;
      w[to + 4] = ref(id, code[at + 2] as number);
      w[to + 5] = ref(id, code[at + 3] as number);
      w[to + 6] = cases;
      w[to + 7] = walkValues.length;
      // Whether a case needs its value checked against the enum's members (lazyEnum below): only when one of its literals is not a member.
      let verify = 0;
      const map = cases > 8 ? new Map<unknown, number>() : null;
      if (map !== null) walkValues.push(map);
      for (let i = 0; i < cases; i++) {
        const literal = literals[code[at + 5 + 2 * i] as number] as string | number | boolean;
        if (lazyEnum[c] === 1 && !(members[c] as Set<unknown>).has(literal)) verify = 1;
        if (map === null) walkValues.push(literal);
        else map.set(literal, i);
        w[to + 9 + i] = ref(id, code[at + 6 + 2 * i] as number);
      }
      w[to + 8] = verify;
    } else if (kind === 2) {
      const k = code[at + 3] as number;
      w[to + 3] = code[at + 1] as number;
      w[to + 4] = ref(id, code[at + 2] as number);
      w[to + 5] = k;
      const bounds = numbersRoom(k);
      w[to + 6] = bounds;
      for (let i = 0; i < k; i++) walkNumbers[bounds + i] = numbers[code[at + 4 + i] as number] as number;
      for (let i = 0; i <= 2 * k; i++) w[to + 7 + i] = ref(id, code[at + 4 + k + i] as number);
    } else if (kind === 3) {
      const t = code[at + 1] as number;
      w[to + 3] = t;
      w[to + 4] = (tests[4 * t] as number) | ((tests[4 * t + 1] as number) << 3);
      w[to + 5] = argument(t);
      w[to + 6] = ref(id, code[at + 2] as number);
      w[to + 7] = ref(id, code[at + 3] as number);
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
  // Per column, one integer for the walk: its slot × 16, plus 8 when the
  // slot is the column's own (no other column reads it and it holds no
  // other slot's parent, so the column's once-per-call cache keeps it read
  // at most once, and the walk need not record it), plus how its value
  // comes from the slot's: 0 to 4 a scalar of `readType` (bool, int,
  // number, string, enum), 5 a list, 6 an experiment's arm.
  const readers = new Int32Array(slotCount);
  for (let c = 0; c < columnCount; c++) readers[columnSlot[c] as number] = (readers[columnSlot[c] as number] as number) + 1;
  const columnInfo = new Int32Array(columnCount);
  for (let c = 0; c < columnCount; c++) {
    const s = columnSlot[c] as number;
    const how = columnType[c] === 5 ? 5 : armSeed[c] !== null ? 6 : (readType[c] as number);
    columnInfo[c] = (s << 4) | (readers[s] === 1 && isParent[s] === 0 ? 8 : 0) | how;
  }

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
    /** The consent gates' values the last walk read (see `walk`). */
    let gates: number | boolean[] = 0;

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

    /**
     * List column `c`'s value from its slot's value `raw`: the elements,
     * copied once per call before anything looks at them, when every one
     * has the column's element type, else undefined.
     */
    function listValue(c: number, raw: unknown): unknown {
      const s = columnSlot[c] as number;
      let elements: unknown[] | null = null;
      if (copyStamp[s] === generation) elements = copyValue[s] as unknown[] | null;
      else {
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
      }
      if (elements === null) return undefined;
      const element = elementType[c] as number;
      const set = members[c] as Set<unknown> | null;
      for (let i = 0; i < elements.length; i++) if (!scalarOf(element, set, elements[i])) return undefined;
      return elements;
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
     * The row that answers, or -1, with the consent gates' values left in
     * `gates`. The index's walk from the root, `union` parts waiting on a
     * stack: `found` is the earliest matching row so far (rowCount: none);
     * rows at or after it are never tried, and a part that cannot lead to
     * an earlier row is skipped. Every walk reaches at least one leaf,
     * which `explain` reports.
     *
     * What a call does often is written out in this one function, one loop
     * whose turns each read one column's value (docs/runtime.md,
     * "Performance"): an index node's column, a leaf row's test, or, after
     * the walk, a consent gate. Before V8 optimizes it, a decision runs
     * here as bytecode, where each call, array read and comparison is
     * costly, and V8 then compiles one function, instead of a function per
     * step each alone and again within its callers while the walk waits
     * for optimized code. Only what is rare is a call: laying a node out
     * (`target`), a slot other columns share, a list, an experiment's arm,
     * a trace.
     */
    function walk(trace: WalkerTrace | null): number {
      // What the loop reads, as locals: each read of a variable of an
      // enclosing function is two bytecodes (the read and a check that it
      // is initialized) before V8 optimizes the walk.
      const gen = generation;
      const stamps = columnStamp;
      const values = columnValue;
      const info = columnInfo;
      const up = parents;
      const stamped = slotStamp;
      const holders = slotHolder;
      const names = keys;
      const read = step;
      const own = hasOwn;
      const last = rowCount;
      const stack = pending;
      // `walkCode` as last read: a getter calling `decide` may lay out
      // nodes, which can replace the array, so it is read again after each
      // read of the context and each node laid out. The old array keeps
      // every node laid out before, at the same offsets.
      let w = walkCode;
      let found = last;
      // The node to step at (its offset in `walkCode`); 0 when the next is
      // the one the reference at `q` names or, with `q` 0, the next union
      // part waiting, and with none, the walk is over.
      let p = rootAt;
      let q = 0;
      let kind = 0;
      // In a leaf: the current row's entry (row, test count, tests) at `e`
      // (0: not in a leaf), its next test at `at` (0: not started) up to
      // `end`, and `rows` the leaf's rows not started.
      let e = 0;
      let at = 0;
      let end = 0;
      let rows = 0;
      // After the walk: the consent gate to read (-1: still walking).
      let g = -1;
      let gateMask: number | boolean[] = gateCount > 30 ? [] : 0;
      for (;;) {
        // The test to evaluate (its offset in `walkCode`, 0: none) and the column whose value this turn reads.
        let x = 0;
        let c: number;
        if (e !== 0) {
          if (at === 0) {
            // A row at or after the one found ends the leaf (its rows are in increasing order).
            if (rows === 0 || (w[e] as number) >= found) {
              e = 0;
              p = 0;
              continue;
            }
            rows--;
            at = e + 2;
            end = at + 3 * (w[e + 1] as number);
          }
          if (at === end) {
            // Every test of the row holds.
            found = w[e] as number;
            if (trace !== null) trace.tried.push(found, -1, undefined, undefined);
            e = 0;
            p = 0;
            continue;
          }
          x = at;
          c = (w[at + 1] as number) >> 3;
        } else if (g < 0) {
          if (p === 0) {
            if (q === 0) {
              if (stack.length === 0) {
                g = 0;
                continue;
              }
              q = stack.pop() as number;
            }
            p = w[q] as number;
            if (p <= 0) {
              p = target(q);
              w = walkCode;
            }
            q = 0;
          }
          // Once a row is found, a node that leads only to later rows is skipped.
          if (found < last && (w[p + 2] as number) >= found) {
            p = 0;
            continue;
          }
          kind = w[p] as number;
          if (kind === 0) {
            if (trace !== null) trace.leaves.push(w[p + 1] as number);
            rows = w[p + 3] as number;
            e = p + 4;
            at = 0;
            continue;
          }
          if (kind === 4) {
            for (let i = (w[p + 3] as number) - 1; i > 0; i--) stack.push(p + 4 + i);
            q = p + 4;
            p = 0;
            continue;
          }
          if (kind === 3) {
            x = p + 3;
            c = (w[p + 4] as number) >> 3;
          } else c = w[p + 3] as number;
        } else {
          if (g === gateCount) break;
          c = gateBase + g;
        }

        // Column `c`'s value: present and of the column's type, else
        // undefined; read once per call, each step of its path at most once.
        let value: unknown;
        if (stamps[c] === gen) value = values[c];
        else {
          const how = info[c] as number;
          const s = how >> 4;
          let raw: unknown = undefined;
          if ((how & 8) === 0 && stamped[s] === gen) raw = slotValue[s];
          else {
            // The path's steps not read yet, outermost first, in one loop:
            // each turn reads the outermost step whose parent is read (or is
            // the context), until the slot itself is read.
            for (;;) {
              let a = s;
              let parent = up[s] as number;
              while (parent >= 0 && stamped[parent] !== gen) {
                a = parent;
                parent = up[parent] as number;
              }
              const holder = parent < 0 ? rootHolder : (holders[parent] as object | null);
              let got: unknown = undefined;
              if (holder !== null) {
                const key = names[a] as string;
                try {
                  if (own.call(holder, key)) got = read === null ? (holder as { [key: string]: unknown })[key] : read(a, holder);
                } catch {
                  got = undefined;
                }
              }
              // A parent, or a slot other columns read too, is kept for them
              // (a column's own slot only for a trace, which shows it).
              if (a !== s || (how & 8) === 0 || trace !== null) {
                stamped[a] = gen;
                slotValue[a] = got;
                if (isParent[a] === 1) {
                  let held: object | null = null;
                  if (typeof got === "object" && got !== null) {
                    try {
                      held = isArray(got) ? null : got;
                    } catch {
                      // Array.isArray throws on a revoked Proxy.
                      held = null;
                    }
                  }
                  holders[a] = held;
                }
              }
              if (a === s) {
                raw = got;
                break;
              }
            }
          }
          const type = how & 7;
          if (type === 3) value = typeof raw === "string" ? raw : undefined;
          else if (type === 1) value = isSafeInteger(raw) ? raw : undefined;
          else if (type === 2) value = typeof raw === "number" && raw - raw === 0 ? raw : undefined;
          else if (type === 0) value = typeof raw === "boolean" ? raw : undefined;
          else if (type === 4) value = typeof raw === "string" && (members[c] as Set<unknown>).has(raw) ? raw : undefined;
          else if (type === 5) value = listValue(c, raw);
          else value = arm(c, raw);
          stamps[c] = gen;
          values[c] = value;
          w = walkCode;
        }

        if (g >= 0) {
          if (gateCount > 30) (gateMask as boolean[]).push(value === true);
          else if (value === true) gateMask = (gateMask as number) | (1 << g);
          g++;
          continue;
        }
        let branch: number;
        let ref: number;
        if (x !== 0) {
          // A test, laid out as its number, operation and column, argument (see `argument`).
          const op = (w[x + 1] as number) & 7;
          const a = w[x + 2] as number;
          // Whether it holds; every test but `present: false` is false on an absent value.
          let holds = false;
          if (value === undefined) holds = op === 0 && a === 0;
          else if (op === 4) {
            const bounds = walkNumbers;
            for (let i = a + 1, past = a + 1 + 2 * (bounds[a] as number); i < past; i += 2) {
              if ((value as number) >= (bounds[i] as number) && (value as number) <= (bounds[i + 1] as number)) {
                holds = true;
                break;
              }
            }
          } else if (op === 1) holds = value === literals[a];
          else if (op === 2 || op === 3) {
            // `in` / `notIn`: a `notIn` holds only for a member of an enum checked lazily (see lazyEnum).
            if (op === 2 || lazyEnum[c] === 0 || (members[c] as Set<unknown>).has(value)) {
              const list = walkValues;
              const head = list[a];
              let listed = false;
              if (typeof head === "number") {
                for (let i = a + 1; i <= a + head; i++) {
                  if (list[i] === value) {
                    listed = true;
                    break;
                  }
                }
              } else listed = (head as Set<unknown>).has(value);
              holds = listed === (op === 2);
            }
          } else if (op === 5) holds = value === (a === 1);
          else if (op === 0) holds = (lazyEnum[c] === 0 || (members[c] as Set<unknown>).has(value)) === (a === 1);
          else if (op === 6) holds = (value as unknown[]).includes(literals[a]);
          else holds = !(value as unknown[]).includes(literals[a]);

          if (e !== 0) {
            if (holds) at += 3;
            else {
              if (trace !== null) trace.tried.push(w[e] as number, w[x] as number, slotValue[columnSlot[c] as number], seen(c));
              // The leaf's next row.
              e = end;
              at = 0;
            }
            continue;
          }
          branch = holds ? 1 : 0;
          ref = p + 7 - branch;
        } else if (value === undefined) {
          branch = -1;
          ref = p + 4;
        } else if (kind === 1) {
          const cases = w[p + 6] as number;
          const from = w[p + 7] as number;
          const list = walkValues;
          branch = -2;
          if (cases > 8) branch = (list[from] as Map<unknown, number>).get(value) ?? -2;
          else {
            for (let i = 0; i < cases; i++) {
              if (list[from + i] === value) {
                branch = i;
                break;
              }
            }
          }
          // A string outside a lazily checked enum is absent, not `other` (see lazyEnum).
          if ((branch === -2 || w[p + 8] === 1) && lazyEnum[c] === 1 && !(members[c] as Set<unknown>).has(value)) {
            branch = -1;
            ref = p + 4;
          } else ref = branch < 0 ? p + 5 : p + 9 + branch;
        } else {
          // Binary search: 2i below bounds[i], 2i+1 at bounds[i], 2k above all k bounds.
          const k = w[p + 5] as number;
          const bounds = w[p + 6] as number;
          const sorted = walkNumbers;
          let low = 0;
          let high = k;
          while (low < high) {
            const middle = (low + high) >>> 1;
            if ((sorted[bounds + middle] as number) < (value as number)) low = middle + 1;
            else high = middle;
          }
          branch = low < k && sorted[bounds + low] === value ? 2 * low + 1 : 2 * low;
          ref = p + 7 + branch;
        }
        if (trace !== null) {
          const next = target(ref);
          w = walkCode;
          trace.steps.push(w[p + 1] as number, branch, w[next + 1] as number, slotValue[columnSlot[c] as number], seen(c));
        }
        q = ref;
        p = 0;
      }
      gates = gateMask;
      return found < last ? found : -1;
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
