"""Differentiates a file of expressions on Apache Spark by piping each partition through dsat.

    spark-submit bench/spark/diff_pipe.py INPUT OUTPUT [--dsat "dsat"] [--partitions N]

INPUT holds one `function<TAB>variable` line per derivative (what `dsat diff --batch -` reads);
OUTPUT is a folder of part files with one result line per input line, in input order within
and across partitions. `RDD.pipe` starts the command once per partition and streams the
partition's lines through its stdin, so dsat needs no Spark code: the workers only need
`dsat` on their PATH (or the command given with --dsat). A bad line yields `error: …` in its
place, as in the plain batch, and never stops the job. See docs/scale-out.md.
"""

import argparse
import shlex

from pyspark.sql import SparkSession


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--dsat", default="dsat", help="the dsat command on the workers")
    parser.add_argument("--partitions", type=int, default=0, help="default: Spark's choice")
    parser.add_argument("--jobs", type=int, default=1, help="dsat worker threads per partition")
    parser.add_argument("--master", default=None, help="e.g. local[2]; default: spark-submit's")
    args = parser.parse_args()

    builder = SparkSession.builder.appName("dsat-diff-pipe")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    # textFile keeps the lines in order; partitions split the file into consecutive ranges.
    if args.partitions > 0:
        lines = spark.sparkContext.textFile(args.input, minPartitions=args.partitions)
    else:
        lines = spark.sparkContext.textFile(args.input)
    command = shlex.split(args.dsat) + ["diff", "--batch", "-", "--jobs", str(args.jobs), "--quiet"]
    # One dsat process per partition; each input line gives exactly one output line.
    # dsat exits 0 only when no line failed, so the exit status is not checked: failed
    # lines are in the output as `error: …`.
    results = lines.pipe(" ".join(shlex.quote(word) for word in command), checkCode=False)
    results.saveAsTextFile(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
