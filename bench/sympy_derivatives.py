"""SymPy's side of the random-derivative benchmark (bench/random-derivatives.ts runs it).

Reads JSON lines {"fn": "<infix with ^>", "variable": "x"} on stdin and writes one JSON line
per input: SymPy's derivative printed raw and after simplify, factor, cancel and trigsimp,
each in dsat's infix syntax (SymPy's own str printer, with ^ for ** and exp(1) for E), with
the milliseconds each took. A step that takes longer than the time limit is reported as
timed out and left out of SymPy's best. Used by the benchmark only, never by npm test.
"""

import json
import re
import signal
import sys
import time

import sympy
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

TIME_LIMIT_S = 10
STEPS = ("simplify", "factor", "cancel", "trigsimp")
NAMES = {
    "x": sympy.Symbol("x"),
    "y": sympy.Symbol("y"),
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "atan": sympy.atan,
}
TRANSFORMS = standard_transformations + (convert_xor,)


class TimedOut(Exception):
    pass


def on_alarm(_signum, _frame):
    raise TimedOut()


def to_dsat(expr):
    """SymPy's str form in dsat's infix syntax."""
    text = sympy.sstr(expr).replace("**", "^")
    return re.sub(r"\bE\b", "exp(1)", text)


def timed(step, expr):
    signal.alarm(TIME_LIMIT_S)
    start = time.perf_counter()
    try:
        result = getattr(sympy, step)(expr)
        return result, (time.perf_counter() - start) * 1000
    finally:
        signal.alarm(0)


def main():
    signal.signal(signal.SIGALRM, on_alarm)
    for line in sys.stdin:
        if not line.strip():
            continue
        item = json.loads(line)
        out = {"fn": item["fn"]}
        try:
            expr = parse_expr(item["fn"], local_dict=NAMES, transformations=TRANSFORMS)
            start = time.perf_counter()
            derivative = sympy.diff(expr, NAMES[item["variable"]])
            out["rawMs"] = (time.perf_counter() - start) * 1000
            out["raw"] = to_dsat(derivative)
            for step in STEPS:
                try:
                    result, ms = timed(step, derivative)
                    out[step] = to_dsat(result)
                    out[step + "Ms"] = ms
                except TimedOut:
                    out[step] = None
                    out[step + "Ms"] = TIME_LIMIT_S * 1000
        except Exception as error:  # reported per line, the run goes on
            out["error"] = f"{type(error).__name__}: {error}"
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
