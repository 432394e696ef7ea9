"""SymPy's side of the batch benchmark (bench/batch.ts runs it; never npm test).

Reads lines `function<TAB>variable` on stdin, and for each prints SymPy's derivative after
simplify, one line per input, like `dsat diff --batch -`. With `--procs N` the lines are
spread over N processes with multiprocessing, order kept. Prints the wall time in seconds
of the work (parsing, diff, simplify, printing; not the interpreter's start) on stderr, then
the CPU seconds it took (this process and its worker processes).
"""

import resource
import sys
import time
from multiprocessing import Pool

import sympy
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

TRANSFORMS = standard_transformations + (convert_xor,)


def derivative(line):
    fn, variable = line.rstrip("\n").split("\t")[:2]
    try:
        expr = parse_expr(fn, transformations=TRANSFORMS)
        return sympy.sstr(sympy.simplify(sympy.diff(expr, sympy.Symbol(variable)))).replace("**", "^")
    except Exception as error:  # one bad line must not stop the run, as in dsat
        return f"error: {error}"


def cpu_seconds():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main():
    procs = int(sys.argv[sys.argv.index("--procs") + 1]) if "--procs" in sys.argv else 1
    lines = [line for line in sys.stdin if line.strip()]
    start = time.perf_counter()
    cpu_start = cpu_seconds()
    if procs == 1:
        results = [derivative(line) for line in lines]
    else:
        with Pool(procs) as pool:
            results = list(pool.imap(derivative, lines, chunksize=16))
    elapsed = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_start
    sys.stdout.write("".join(r + "\n" for r in results))
    sys.stderr.write(f"{elapsed} {cpu}\n")


if __name__ == "__main__":
    main()
