#!/usr/bin/env python3
"""partitions.py: which partitions each statement touched, from auto_explain.

Reads what `CANDOR_PG_NOTICES=1 candor ...` printed on stderr with
auto_explain at notice level in JSON (t0014-partitions.sh sets it up), and
prints one line per statement that read or wrote a partitioned table:

    PARTS<TAB>TABLE=N,TABLE=N<TAB>QUERY TEXT

where N is how many partitions of TABLE the plan touched and PARTS the
largest N.  Partitions are named TABLE_pK (store/postgres-distribute.c).
"""
import json
import re
import sys

HEAD = re.compile(r"^candor: PostgreSQL: NOTICE:  duration: [0-9.]+ ms  plan:$")
PART = re.compile(r"^(.*)_p[0-9]+$")


def plans(text):
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if HEAD.match(lines[i]):
            j = i + 1
            body = []
            while j < len(lines) and not lines[j].startswith("candor: "):
                body.append(lines[j])
                j += 1
            # the plan, then perhaps the command's own words on stderr
            plan, _ = json.JSONDecoder().raw_decode("\n".join(body).lstrip())
            yield plan
            i = j
        else:
            i += 1


def relations(node, out):
    if isinstance(node, dict):
        name = node.get("Relation Name")
        if name:
            out.append(name)
        for v in node.values():
            relations(v, out)
    elif isinstance(node, list):
        for v in node:
            relations(v, out)


def main():
    text = sys.stdin.read()
    for p in plans(text):
        rels = []
        relations(p["Plan"], rels)
        touched = {}
        for r in rels:
            m = PART.match(r)
            if m:
                touched.setdefault(m.group(1), set()).add(r)
        if not touched:
            continue
        counts = ",".join(f"{t}={len(v)}" for t, v in sorted(touched.items()))
        worst = max(len(v) for v in touched.values())
        query = " ".join(p["Query Text"].split())
        print(f"{worst}\t{counts}\t{query}")


if __name__ == "__main__":
    main()
