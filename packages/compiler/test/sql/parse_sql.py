"""Parses SQL files with sqlglot, one request per input line.

Each line of standard input is a JSON object {"dialect": ..., "sql": ...};
each line of output is {"ok": true, "statements": [kind, ...]} with one
entry per statement (`CREATE VIEW` for a view), or {"ok": false, "error": ...}
when the text does not parse in that dialect.
"""
import json
import sys

import sqlglot
from sqlglot import exp


def kind_of(statement):
    if isinstance(statement, exp.Create):
        return "CREATE " + str(statement.args.get("kind") or "").upper()
    return type(statement).__name__.upper()


def main():
    for line in sys.stdin:
        request = json.loads(line)
        try:
            statements = [s for s in sqlglot.parse(request["sql"], read=request["dialect"]) if s is not None]
            print(json.dumps({"ok": True, "statements": [kind_of(s) for s in statements]}), flush=True)
        except Exception as error:  # sqlglot raises ParseError and TokenError subclasses alike
            print(json.dumps({"ok": False, "error": str(error)[:300]}), flush=True)


if __name__ == "__main__":
    main()
