#!/usr/bin/env python3
"""check.py FOLDER: check a batch of labelled calls and count its labels."""
import os, re, sys
from collections import Counter

BUYER = "social stall candor disclosure toward away options procedures objection".split()
SELLER = "pressure closing seller_centric".split()
EITHER = "question price competitor next_step commitment".split()
ALL = BUYER + SELLER + EITHER

def main():
    d = sys.argv[1]
    problems, counts = [], Counter()
    calls = utts = asr_calls = asr_utts = 0
    for name in sorted(os.listdir(d)):
        if not name.endswith(".txt"):
            continue
        path = os.path.join(d, name)
        try:
            text = open(path, encoding="utf-8").read()
        except UnicodeDecodeError as e:
            problems.append(f"{path}: not UTF-8 ({e})")
            continue
        calls += 1
        n, date, asr = 0, False, False
        for i, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            if line.startswith("#"):
                if line.startswith("# call:"):
                    date = bool(re.fullmatch(r"# call: (2025-(0[1-9]|1[0-2])|2026-(0[1-9]|1[01]))-(0[1-9]|[12][0-9]|3[01])", line.strip()))
                    if not date:
                        problems.append(f"{path}:{i}: '# call: YYYY-MM-DD' between 2025-01 and 2026-11")
                if line.strip() == "# noise: asr":
                    asr = True
                continue
            f = line.split("|")
            if len(f) != 4:
                problems.append(f"{path}:{i}: expected side|speaker|text|categories (4 fields, got {len(f)})")
                continue
            side, spk, txt, cats = f
            if side not in ("buyer", "seller"):
                problems.append(f"{path}:{i}: side must be buyer or seller, not '{side}'")
            if not spk.strip() or not txt.strip():
                problems.append(f"{path}:{i}: empty speaker or text")
            n += 1
            if cats != "-":
                seen = set()
                for c in cats.split(","):
                    if c not in ALL:
                        problems.append(f"{path}:{i}: unknown category '{c}'")
                        continue
                    if c in seen:
                        problems.append(f"{path}:{i}: '{c}' twice")
                    seen.add(c)
                    if (c in BUYER and side != "buyer") or (c in SELLER and side != "seller"):
                        problems.append(f"{path}:{i}: '{c}' may not be said by the {side}")
                    counts[c] += 1
        if not date:
            problems.append(f"{path}: no valid '# call:' line")
        if not 28 <= n <= 42:
            problems.append(f"{path}: {n} utterances (28 to 42 a call)")
        utts += n
        if asr:
            asr_calls += 1
            asr_utts += n
    for p in problems:
        print(p)
    print(f"{calls} calls, {utts} utterances; recogniser form: {asr_calls} calls, "
          f"{asr_utts} utterances ({100 * asr_utts / max(utts, 1):.0f}%)")
    for c in ALL:
        print(f"  {c:15} {counts[c]}")
    print("OK" if not problems else f"{len(problems)} problems")
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main())
