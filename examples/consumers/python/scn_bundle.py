#!/usr/bin/env python3
"""A dependency-free evaluator of `scn.bundle/5` JSON bundles, in Python 3.

It answers a decision the way the JavaScript runtime (@scn/runtime) does,
from the format alone (docs/bundle-format.md): the first row whose unary
tests all hold gives the answer, else the decision's `default`, else `none`.

Two ways to find that row are offered, and they always agree:
- `scan` (the default) tries every row in order. It ignores the index, which
  is correct by construction: the index only narrows the candidates, and the
  first matching row of the whole table is the answer either way.
- `index` walks the index DAG to a `rows` leaf and tries only its candidates
  (through every part of a `union` node, keeping the earliest row found).

As a command, `python3 scn_bundle.py BUNDLE VECTORS [--index]` checks every
conformance vector (`scn.vectors/2`, read by `read_vectors`) and prints
`N passed, N failed`; the exit code is 0 only when none failed, and 2 when
the two files are not from one build or the vectors are of another format.
`python3 scn_bundle.py --expand VECTORS` prints every vector as one line of
JSON, `{"context", "decision", "expect"}`, for tools that load contexts
whole (a warehouse, say).

Files are read through `read_checked`, which refuses a file that does not
belong to the set its directory's output manifest describes
(docs/bundle-format.md, "The output manifest").

Invariant: a context is only read. Anything missing, `null`, or not of the
column's type counts as absent, and no context makes `decide` raise.
"""

import hashlib
import json
import math
import os
import sys

FORMAT = "scn.bundle/5"
VECTORS_FORMAT = "scn.vectors/2"


class _Absent:
    """The value of a path that leads nowhere (distinct from JSON `null`)."""

    def __repr__(self):
        return "ABSENT"


ABSENT = _Absent()


def read_path(context, path):
    """The value at a dot-joined path, following only keys of JSON objects."""
    value = context
    for key in path.split("."):
        # A list or a scalar along the way has no fields: the value is absent.
        if not isinstance(value, dict) or key not in value:
            return ABSENT
        value = value[key]
    return value


# Python's `True == 1` and `1 == 1.0` differ from JSON's distinct types, so
# type checks and comparisons below always keep booleans apart from numbers.

# Numbers are read the way JavaScript reads JSON: as the nearest double.
# A number whose double is not finite (`-1` followed by 400 zeros, `1e999`)
# is wrongly typed everywhere, and an `int` must also be a safe integer,
# |x| <= 2^53 - 1, beyond which doubles skip integers (docs/runtime.md).
MAX_SAFE_INTEGER = 2 ** 53 - 1


def _as_double(value):
    """A JSON number as JavaScript holds it, or None when it is not a finite number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        double = float(value)
    except OverflowError:
        return None
    return double if math.isfinite(double) else None


def _is_number(value):
    return _as_double(value) is not None


def _is_int(value):
    # JSON has one number type: 3.0 is an integer, as in JavaScript.
    double = _as_double(value)
    return double is not None and double.is_integer() and abs(double) <= MAX_SAFE_INTEGER


def _is_scalar_of(kind, members, value):
    """Whether `value` is a present value of the scalar column type `kind`."""
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return _is_int(value)
    if kind == "number":
        return _is_number(value)
    if kind == "string":
        return isinstance(value, str)
    if kind == "enum":
        return isinstance(value, str) and members is not None and value in members
    return False


def _same(a, b):
    """JSON equality of two scalars: same type and same value."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if _is_number(a) and _is_number(b):
        return a == b
    return isinstance(a, str) and isinstance(b, str) and a == b


def json_equal(a, b):
    """Deep JSON equality (objects by keys, arrays by position, booleans apart from numbers)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
        return False
    return _same(a, b)


def fnv1a32(text):
    """FNV-1a, 32 bits, over the UTF-16 code units of `text` (as JavaScript's charCodeAt sees them)."""
    hash_value = 0x811C9DC5
    units = text.encode("utf-16-le", "surrogatepass")
    for i in range(0, len(units), 2):
        hash_value ^= units[i] | (units[i + 1] << 8)
        hash_value = (hash_value * 0x01000193) & 0xFFFFFFFF
    return hash_value


def assign_arm(experiment, arms, value):
    """The arm a unit value is assigned to (GrowthBook's hash version 2), or None when it enrolls nobody.

    docs/experiments.md#assignment: a non-empty string as is, a nonzero int in
    decimal (within 2^53 - 1); the bucket is fnv1a32(str(fnv1a32(seed + unit)))
    % 10000 / 10000, and the arm is the first range [start, end) holding it.
    """
    if experiment["unit"] == "int":
        if not _is_int(value) or value == 0 or abs(value) > 9007199254740991:
            return None
        unit = str(int(value))
    else:
        if not isinstance(value, str) or value == "":
            return None
        unit = value
    bucket = (fnv1a32(str(fnv1a32(experiment["seed"] + unit))) % 10000) / 10000
    for arm, (start, end) in zip(arms, experiment["ranges"]):
        if start <= bucket < end:
            return arm
    return None


class Column:
    """One column of a decision table: where to read it and what type its values have."""

    def __init__(self, spec):
        self.path = spec["path"]
        self.type = spec["type"]
        self.element = spec.get("element", "string")
        values = spec.get("values")
        self.members = None if values is None else set(values)
        self.arms = values
        # An experiment's arm column is computed from the unit at `path`.
        self.experiment = spec.get("experiment")

    def scalar_type(self):
        """The type a test's literals must have: the element type for lists."""
        return self.element if self.type == "list" else self.type

    def present(self, value):
        """Present, not null, and of the column's type; a list needs every element of its type."""
        if self.type == "list":
            return isinstance(value, list) and all(_is_scalar_of(self.element, self.members, v) for v in value)
        return _is_scalar_of(self.type, self.members, value)

    def read(self, context):
        """The column's value in `context` as JavaScript sees it: numbers as doubles (lists too), or the raw value."""
        value = read_path(context, self.path)
        if self.experiment is not None:
            return assign_arm(self.experiment, self.arms, value)
        if not self.present(value):
            return value
        numeric = self.scalar_type() in ("int", "number")
        if self.type == "list":
            return [_as_double(element) for element in value] if numeric else value
        return _as_double(value) if numeric else value

    def fits(self, literal):
        """Whether a literal can equal a present value (other literals never match)."""
        return _is_scalar_of(self.scalar_type(), self.members, literal)


def _in_interval(value, interval):
    low, high, low_inclusive, high_inclusive = interval
    above = low is None or (value >= low if low_inclusive else value > low)
    below = high is None or (value <= high if high_inclusive else value < high)
    return above and below


def _list_contains(column, value, literal):
    """True/False when `value` is a present list, None when it counts as absent."""
    if not isinstance(value, list):
        return None
    found = False
    for element in value:
        if not _is_scalar_of(column.scalar_type(), column.members, element):
            return None
        if _same(element, literal):
            found = True
    return found


def test_holds(column, test, value):
    """Whether the unary test holds; on an absent value only `present: false` does."""
    if "present" in test:
        return column.present(value) == test["present"]
    if "eq" in test:
        return column.fits(test["eq"]) and _same(value, test["eq"])
    if "in" in test:
        return any(column.fits(lit) and _same(value, lit) for lit in test["in"])
    if "notIn" in test:
        return column.present(value) and not any(column.fits(lit) and _same(value, lit) for lit in test["notIn"])
    if "range" in test:
        return column.present(value) and any(_in_interval(value, interval) for interval in test["range"])
    if "bool" in test:
        return isinstance(value, bool) and value == test["bool"]
    if "contains" in test:
        return _list_contains(column, value, test["contains"]) is True
    if "notContains" in test:
        return _list_contains(column, value, test["notContains"]) is False
    raise ValueError("unknown unary test: %s" % json.dumps(test))


_TEST_OPS = ["present", "eq", "in", "notIn", "range", "bool", "contains", "notContains"]


def _decode_test(table, t):
    """Test `t` of an encoded table as (column, unary test in its JSON form)."""
    op, column, a, b = table["tests"][4 * t:4 * t + 4]
    literals, lists = table["literals"], table["lists"]
    name = _TEST_OPS[op]
    if name in ("present", "bool"):
        return column, {name: a == 1}
    if name in ("eq", "contains", "notContains"):
        return column, {name: literals[a]}
    if name in ("in", "notIn"):
        return column, {name: [literals[position] for position in lists[a:a + b]]}
    intervals = []
    for i in range(b):
        low, high, flags = lists[a + 3 * i:a + 3 * i + 3]
        intervals.append([None if low < 0 else literals[low], None if high < 0 else literals[high], bool(flags & 1), bool(flags & 2)])
    return column, {"range": intervals}


def decode_table(table):
    """An encoded table (docs/bundle-format.md, "Encoded tables") as rows, index nodes and root.

    Rows are (outcome, [(column, test), ...]) with tests in column order;
    nodes are the index nodes in their JSON object form. The file writes
    each row as its outcome's difference from the previous row's and its
    test count (its tests follow the previous row's in `rowTests`), each
    node's children as the distance back from the node, and each leaf's
    rows as differences from the row before.
    """
    literals, nodes_code = table["literals"], table["nodes"]
    rows = []
    outcome = first = 0
    for r in range(len(table["rows"]) // 2):
        difference, count = table["rows"][2 * r:2 * r + 2]
        outcome += difference
        rows.append((outcome, [_decode_test(table, t) for t in table["rowTests"][first:first + count]]))
        first += count
    nodes = []
    at = 0
    while at < len(nodes_code):
        kind = nodes_code[at]
        node_id = len(nodes)

        def child(distance):
            return node_id - distance

        if kind == 0:
            count = nodes_code[at + 1]
            leaf_rows = []
            for difference in nodes_code[at + 2:at + 2 + count]:
                leaf_rows.append(difference + (leaf_rows[-1] if leaf_rows else 0))
            nodes.append({"rows": leaf_rows})
            at += 2 + count
        elif kind == 4:
            count = nodes_code[at + 1]
            nodes.append({"union": [child(d) for d in nodes_code[at + 2:at + 2 + count]]})
            at += 2 + count
        elif kind == 1:
            column, absent, other, count = nodes_code[at + 1:at + 5]
            cases = {}
            for i in range(count):
                value = literals[nodes_code[at + 5 + 2 * i]]
                key = ("true" if value else "false") if isinstance(value, bool) else value
                cases[key] = child(nodes_code[at + 6 + 2 * i])
            nodes.append({"switch": column, "cases": cases, "other": child(other), "absent": child(absent)})
            at += 5 + 2 * count
        elif kind == 2:
            column, absent, k = nodes_code[at + 1:at + 4]
            bounds = [literals[position] for position in nodes_code[at + 4:at + 4 + k]]
            following = [child(d) for d in nodes_code[at + 4 + k:at + 5 + 3 * k]]
            nodes.append({"split": column, "bounds": bounds, "next": following, "absent": child(absent)})
            at += 5 + 3 * k
        else:
            test, then, otherwise = nodes_code[at + 1:at + 4]
            column, unary = _decode_test(table, test)
            nodes.append({"test": column, "t": unary, "then": child(then), "else": child(otherwise)})
            at += 4
    return rows, nodes, table["root"]


class Decision:
    """One decision table, read once from its JSON."""

    def __init__(self, name, table):
        self.name = name
        self.columns = [Column(spec) for spec in table["columns"]]
        # Outcomes are [scenario, pathway, variation, shape, values, metrics] and,
        # for an arm of an experiment, the exposure {name, arm} as a seventh
        # element; the rule is scenario/pathway[/variation]. The output has the
        # keys of shapes[shape] with the values in that order; metrics is the
        # position of the outcome's metric list in metricLists.
        shapes = table["shapes"]
        metric_lists = table["metricLists"]
        self.outcomes = [
            {
                "rule": "/".join([outcome[0], outcome[1]] + ([] if outcome[2] is None else [outcome[2]])),
                "scenario": outcome[0],
                "pathway": outcome[1],
                "variation": outcome[2],
                "output": dict(zip(shapes[outcome[3]], outcome[4])),
                "metrics": list(metric_lists[outcome[5]]),
                "experiment": outcome[6] if len(outcome) == 7 else None,
            }
            for outcome in table["outcomes"]
        ]
        self.default = table["default"]
        # Tests in column order, with each column's value read once per row check.
        rows, self.nodes, self.root = decode_table(table["table"])
        self.rows = [(outcome, tests) for outcome, tests in rows]

    def _row_holds(self, row, context):
        _, tests = row
        return all(test_holds(self.columns[c], test, self.columns[c].read(context)) for c, test in tests)

    def first_row_scanning(self, context):
        """The first matching row of the whole table, or None."""
        for number, row in enumerate(self.rows):
            if self._row_holds(row, context):
                return number
        return None

    def first_row_by_index(self, context):
        """The first matching row among the candidates of the index leaves the context leads to, or None.

        Every part of a `union` node is walked, one after another (later
        parts wait on a stack, so nesting never recurses), and the earliest
        matching row any part finds answers: rows at or after a row already
        found are not tried.
        """
        found = None
        pending = [self.root]
        while pending:
            node = self.nodes[pending.pop()]
            while "rows" not in node:
                if "union" in node:
                    pending.extend(reversed(node["union"][1:]))
                    node = self.nodes[node["union"][0]]
                else:
                    node = self.nodes[self._next_node(node, context)]
            for number in node["rows"]:
                if found is not None and number >= found:
                    break
                if self._row_holds(self.rows[number], context):
                    found = number
                    break
        return found

    def _next_node(self, node, context):
        if "switch" in node:
            column = self.columns[node["switch"]]
            value = column.read(context)
            if not column.present(value):
                return node["absent"]
            key = _switch_key(value)
            return node["cases"].get(key, node["other"])
        if "split" in node:
            column = self.columns[node["split"]]
            value = column.read(context)
            if not column.present(value):
                return node["absent"]
            return node["next"][_split_branch(node["bounds"], value)]
        column = self.columns[node["test"]]
        holds = test_holds(column, node["t"], column.read(context))
        return node["then"] if holds else node["else"]


def _switch_key(value):
    """A case key: the string itself, or `true`/`false` for a boolean."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    # Numbers are never switched on by the compiler (they get `split` nodes);
    # spell integers as JSON does, for completeness.
    return str(int(value)) if _is_int(value) else repr(value)


def _split_branch(bounds, value):
    """2i below bounds[i], 2i+1 at bounds[i], 2k above the last of k bounds."""
    low, high = 0, len(bounds)
    while low < high:
        middle = (low + high) // 2
        if bounds[middle] < value:
            low = middle + 1
        else:
            high = middle
    return 2 * low + 1 if low < len(bounds) and bounds[low] == value else 2 * low


class Bundle:
    """A loaded bundle; `decide` answers like @scn/runtime's `decide`."""

    def __init__(self, document):
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            found = document.get("format") if isinstance(document, dict) else None
            raise ValueError("not a %s bundle%s; rebuild it with scn build" % (FORMAT, " (format %s)" % found if isinstance(found, str) else ""))
        self.hash = document["hash"]
        self.consent = document["consent"]
        self.decisions = {name: Decision(name, table) for name, table in document["decisions"].items()}

    def decide(self, decision, context, use_index=False):
        table = self.decisions.get(decision)
        if table is None:
            raise KeyError("unknown decision %r; the bundle has %s" % (decision, ", ".join(self.decisions)))
        row = table.first_row_by_index(context) if use_index else table.first_row_scanning(context)
        # A gate counts as given only when its path holds exactly `true`.
        consent = {gate["name"]: read_path(context, gate["path"]) is True for gate in self.consent}
        if row is None:
            return {
                "decision": decision,
                "reason": "none" if table.default is None else "default",
                "rule": None,
                "scenario": None,
                "pathway": None,
                "variation": None,
                "output": table.default,
                "metrics": [],
                "consent": consent,
                "experiment": None,
            }
        outcome = table.outcomes[table.rows[row][0]]
        return {
            "decision": decision,
            "reason": "scenario",
            "rule": outcome["rule"],
            "scenario": outcome["scenario"],
            "pathway": outcome["pathway"],
            "variation": outcome["variation"],
            "output": outcome["output"],
            "metrics": outcome["metrics"],
            "consent": consent,
            "experiment": outcome["experiment"],
        }


class MixedSetError(Exception):
    """A file that is not from the same `scn build` as the files beside it."""


_SUFFIXES = (".scn.json", ".vectors.json", ".d.mts", ".mjs", ".cjs")


def read_checked(path):
    """The bytes of an output file of `scn build`, checked against its set.

    Raises MixedSetError while a build is switching the directory's files
    (or was killed doing so), or when the file's SHA-256 is not the one the
    manifest beside it lists. A file with no manifest is not checked.
    """
    with open(path, "rb") as handle:
        data = handle.read()
    directory, name = os.path.split(path)
    plan_path = os.path.join(directory, ".scn-commit", "plan.json")
    if os.path.isdir(os.path.join(directory, ".scn-commit")):
        try:
            with open(plan_path, encoding="utf-8") as handle:
                plan = json.load(handle)
            pending = set(plan.get("files", []) + plan.get("manifests", []) + plan.get("remove", []))
        except (OSError, ValueError, AttributeError, TypeError):
            pending = None
        if pending is None or name in pending:
            raise MixedSetError("%s: a build is switching the files of its directory, or was killed doing so; run scn build again" % path)
    stem = next((name[: -len(s)] for s in _SUFFIXES if name.endswith(s) and len(name) > len(s)), None)
    manifest_path = os.path.join(directory, "%s.scn.manifest.json" % stem) if stem else None
    if manifest_path and os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as handle:
            manifest = json.load(handle)
        expected = manifest.get("files", {}).get(name) if isinstance(manifest, dict) else None
        if expected != "sha256:" + hashlib.sha256(data).hexdigest():
            raise MixedSetError("%s does not match %s beside it, so it is not from the same build as the other files; run scn build again" % (path, os.path.basename(manifest_path)))
    return data


def load(path):
    return Bundle(json.loads(read_checked(path).decode("utf-8")))


def read_vectors(document):
    """Every vector of a parsed `scn.vectors/2` file, as `{"decision", "context", "expect"}`.

    A vector is `[answer, values]`: the number of its answer in its
    decision's `answers`, and the values of the decision's `paths` set over
    the file's `base` context (`null`, or a value left out at the end of the
    list, removes the path); or `[answer, {"context": ...}]`, a context
    given whole. Raises ValueError for another format.
    """
    if not isinstance(document, dict) or document.get("format") != VECTORS_FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        raise ValueError("not a %s vectors file%s; rebuild it with scn build" % (VECTORS_FORMAT, " (format %s)" % found if isinstance(found, str) else ""))
    try:
        base_text = json.dumps(document["base"])
        vectors = []
        for decision, stored in document["decisions"].items():
            paths, answers = stored["paths"], stored["answers"]
            for number, given in stored["vectors"]:
                if isinstance(given, list):
                    context = json.loads(base_text)
                    for position, path in enumerate(paths):
                        _set_path(context, path, given[position] if position < len(given) else None)
                else:
                    context = given["context"]
                vectors.append({"decision": decision, "context": context, "expect": answers[number]})
        return vectors
    except (KeyError, IndexError, TypeError, AttributeError) as error:
        raise ValueError("malformed vectors file (%s: %s)" % (type(error).__name__, error))


def _set_path(record, path, value):
    """Sets `path` in a context to `value`, creating records on the way; `None` removes it."""
    for key in path[:-1]:
        if not isinstance(record.get(key), dict):
            if value is None:
                return
            record[key] = {}
        record = record[key]
    if value is None:
        record.pop(path[-1], None)
    else:
        record[path[-1]] = value


def check_vectors(bundle, vectors, use_index=False):
    """Returns (passed, failures), each failure a (vector number, expected, actual) triple."""
    passed = 0
    failures = []
    for number, vector in enumerate(vectors):
        answer = bundle.decide(vector["decision"], vector["context"], use_index)
        # Vectors of a bundle with experiments also expect the exposure.
        keys = ("rule", "reason", "output", "experiment") if "experiment" in vector["expect"] else ("rule", "reason", "output")
        actual = {key: answer[key] for key in keys}
        if json_equal(actual, vector["expect"]):
            passed += 1
        else:
            failures.append((number, vector["expect"], actual))
    return passed, failures


def main(arguments):
    if len(arguments) == 2 and arguments[0] == "--expand":
        try:
            vectors = read_vectors(json.loads(read_checked(arguments[1]).decode("utf-8")))
        except (MixedSetError, ValueError) as error:
            print("error: %s" % error, file=sys.stderr)
            return 2
        for vector in vectors:
            sys.stdout.write(json.dumps(vector, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n")
        return 0
    paths = [a for a in arguments if a != "--index"]
    if len(paths) != 2:
        print("usage: python3 scn_bundle.py BUNDLE VECTORS [--index]\n       python3 scn_bundle.py --expand VECTORS", file=sys.stderr)
        return 2
    try:
        bundle = load(paths[0])
        vectors = read_vectors(json.loads(read_checked(paths[1]).decode("utf-8")))
    except (MixedSetError, ValueError) as error:
        print("error: %s" % error, file=sys.stderr)
        return 2
    passed, failures = check_vectors(bundle, vectors, "--index" in arguments)
    for number, expected, actual in failures[:10]:
        print("vector %d: expected %s, got %s" % (number, json.dumps(expected, sort_keys=True), json.dumps(actual, sort_keys=True)))
    print("%d passed, %d failed" % (passed, len(failures)))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
