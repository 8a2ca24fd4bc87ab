"""Spark one import away: the bridge between a Jupyter notebook and winwin's published reports.

    from winwin_notebook import spark, report, sql, to_pandas

    deals = report("deal_outcomes")          # a Spark Dataset, also a SQL view named deal_outcomes
    mix = sql("SELECT outcome, count(*) AS deals FROM deal_outcomes GROUP BY outcome")
    to_pandas(mix)                           # only the aggregate comes into pandas

Importing the module starts one JVM in the kernel process (JPype; a JVM cannot be restarted in
the same process, so restart the kernel to start afresh) with winwin's runnable jar, its
dependencies (jobs/target/lib) and the flags Spark needs on Java 17, read from
jobs/target/spark-jvm.args, which the build writes from Spark's own list, plus
-XX:TieredStopAtLevel=1 (see _jvm_flags). Extra JVM options come from WINWIN_JAVA_OPTS, as for
the ./winwin launcher. The Spark session is local, with the UI off and logs at WARN.

Reports are read from the output folder given to report() or, by default, from WINWIN_OUTPUT, or
else ./out of the repository (the launcher's default). A relative folder is taken from the
repository root, where ./winwin runs. report() pins the snapshot that is published when it is
called, so a run that publishes while a notebook works does not change a Dataset under it (winwin
keeps the current snapshot and the one before it); call report() again to see the newer run.

Errors from Java come back as WinwinNotebookError carrying the first line of the Java message
(the whole message is in its java_message attribute).
"""

import atexit
import json
import os
import shlex
import sys
import tempfile
from pathlib import Path

import jpype
import jpype.imports  # noqa: F401  (enables `from org.apache... import ...` after start)
import pandas as pd

__all__ = ["spark", "report", "sql", "to_pandas", "output_dir", "WinwinNotebookError", "JInt",
           "OUTCOMES", "OUTCOME_COLORS", "OUTCOME_SQL"]

WINWIN_HOME = Path(__file__).resolve().parent.parent
TARGET = WINWIN_HOME / "jobs" / "target"
JPYPE_JAR = Path("/usr/share/java/org.jpype.jar")
MAX_ROWS = 10_000
"""to_pandas() without a limit refuses results larger than this: aggregate in Spark first."""

JInt = jpype.JInt

class WinwinNotebookError(RuntimeError):
    """A readable error from the bridge or from Spark; `java_message` holds Java's full text."""

    def __init__(self, message, java_message=None):
        super().__init__(message)
        self.java_message = java_message


def _first_line(java_exception):
    text = str(java_exception.getMessage() or java_exception.toString())
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    name = str(java_exception.getClass().getSimpleName())
    return f"{name}: {lines[0] if lines else ''}", text


def _readable(java_exception):
    summary, full = _first_line(java_exception)
    return WinwinNotebookError(summary, full)


def _jvm_flags():
    args_file = TARGET / "spark-jvm.args"
    jar = TARGET / "winwin.jar"
    lib = TARGET / "lib"
    missing = [p for p in (args_file, jar, lib) if not p.exists()]
    if missing:
        raise WinwinNotebookError(
            f"winwin is not built ({missing[0]} is missing): run notebooks/setup, "
            f"or `mvn -B -DskipTests package` in {WINWIN_HOME}")
    if not JPYPE_JAR.exists():
        raise WinwinNotebookError(
            f"{JPYPE_JAR} is missing: apt-get install -y python3-jpype")
    flags = [line.strip() for line in args_file.read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    # A notebook runs many short queries over small reports: the C2 compiler's work on Spark's
    # code costs more CPU than it saves (about 40% of a notebook's CPU time on the sample).
    flags += ["-XX:TieredStopAtLevel=1"]
    # Last wins: e.g. WINWIN_JAVA_OPTS="-Xmx8g -XX:TieredStopAtLevel=4" for long, heavy queries.
    flags += shlex.split(os.environ.get("WINWIN_JAVA_OPTS", ""))
    classpath = [str(JPYPE_JAR), str(jar)] + sorted(str(p) for p in lib.glob("*.jar"))
    return flags, classpath


def _start_jvm_quietly(flags, classpath):
    """startJVM, minus the JVM's one-line notice about the incubator module in Spark's flags
    (it would open every notebook); anything else the JVM prints still reaches stderr."""
    with tempfile.TemporaryFile() as captured:
        saved = os.dup(2)
        os.dup2(captured.fileno(), 2)
        try:
            jpype.startJVM(*flags, classpath=classpath, convertStrings=False)
        except Exception as e:
            raise WinwinNotebookError(f"The JVM did not start: {e}") from None
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            captured.seek(0)
            printed = captured.read().decode(errors="replace").splitlines(keepends=True)
            sys.stderr.write("".join(line for line in printed
                                     if "Using incubator modules" not in line))


def _start_spark():
    if not jpype.isJVMStarted():
        flags, classpath = _jvm_flags()
        # Spark warns when the host name resolves to a non-loopback address; the JVM inherits this.
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        _start_jvm_quietly(flags, classpath)
    from org.apache.spark.sql import SparkSession  # noqa: E402  (needs the JVM)
    try:
        session = (SparkSession.builder()
                   .master("local[*]")
                   .appName("winwin-notebook")
                   .config("spark.ui.enabled", "false")
                   .config("spark.driver.host", "127.0.0.1")
                   .config("spark.sql.shuffle.partitions", "8")
                   .config("spark.sql.session.timeZone", "UTC")
                   .config("spark.sql.debug.maxToStringFields", "200")
                   .getOrCreate())
    except jpype.JException as e:
        raise _readable(e) from None
    session.sparkContext().setLogLevel("WARN")
    # JPype interrupts Hadoop's shutdown hooks when it destroys the JVM at exit: Spark is stopped
    # first (atexit runs this before JPype's own hook), and the harmless warning is kept quiet.
    from org.apache.logging.log4j import Level
    from org.apache.logging.log4j.core.config import Configurator
    Configurator.setLevel("org.apache.hadoop.util.ShutdownHookManager", Level.ERROR)
    atexit.register(session.stop)
    return session


def _install_ipython_handler():
    """In IPython, show any Java exception raised in a cell as its first line, not a Java stack."""
    try:
        ipython = get_ipython()  # noqa: F821  (defined only inside IPython)
    except NameError:
        return

    def handler(shell, etype, value, tb, tb_offset=None):
        summary, full = _first_line(value)
        shell.showtraceback((WinwinNotebookError, WinwinNotebookError(summary, full), tb),
                            tb_offset=tb_offset)

    ipython.set_custom_exc((jpype.JException,), handler)


spark = _start_spark()
_install_ipython_handler()


def _outcomes():
    """The outcome labels, colours and SQL, from winwin's own column names and values (the JVM is up)."""
    from dev.winwin.classify import Classification  # noqa: E402  (needs the JVM)
    from dev.winwin.schema import Columns  # noqa: E402

    outcome, party = str(Columns.OUTCOME), str(Columns.WINNING_PARTY)
    win_lose = str(Classification.WIN_LOSE)
    labels = [str(Classification.WIN_WIN), f"{win_lose} ({str(Classification.PROVIDER)})",
              f"{win_lose} ({str(Classification.CLIENT)})", str(Classification.LOSE_LOSE),
              str(Classification.UNCLASSIFIED)]
    colors = dict(zip(labels, ["#2e7d32", "#1565c0", "#f9a825", "#c62828", "#9e9e9e"]))
    expression = (f"CASE WHEN {outcome} = '{win_lose}' THEN concat('{win_lose} (', {party}, ')') "
                  f"ELSE {outcome} END")
    return labels, colors, expression


OUTCOMES, OUTCOME_COLORS, OUTCOME_SQL = _outcomes()
"""OUTCOMES: the outcome labels of OUTCOME_SQL, in the order charts show them (as the launcher prints
them); OUTCOME_COLORS: a colour per label; OUTCOME_SQL: a SQL expression over deal_outcomes, the
outcome with win-lose split by the winning party."""


def output_dir(output=None):
    """The output root reports are read from: `output`, else WINWIN_OUTPUT, else <repo>/out.

    A local folder comes back as a Path (relative to the repository root); a Hadoop URI such as
    hdfs://nn/winwin/reports as the string.
    """
    chosen = str(output or os.environ.get("WINWIN_OUTPUT") or "out")
    if "://" in chosen:
        return chosen
    path = Path(chosen).expanduser()
    if not path.is_absolute():
        path = WINWIN_HOME / path
    return path


def report(name, output=None):
    """A published report as a Spark Dataset, registered as the SQL view `name`.

    name: a report under the output root, e.g. "deal_outcomes" or "monthly_summary".
    output: the output root, a folder or a Hadoop URI; default WINWIN_OUTPUT, else ./out of the
    repository. Either publish layout (links or current.json) is read.
    """
    root = output_dir(output)
    from dev.winwin.io import Location, ReportSnapshot  # noqa: E402  (needs the JVM)
    try:
        location = Location.of(spark.sparkContext().hadoopConfiguration(), str(root))
        # The published snapshot's folder (current -> snapshots/<run>, or as current.json names
        # it): the Dataset keeps reading that snapshot whatever runs publish meanwhile.
        pinned = ReportSnapshot.publishedReport(location, name)
        dataset = spark.read().parquet(pinned.uri())
        dataset.createOrReplaceTempView(name)
    except jpype.JException as e:
        if isinstance(root, Path):
            current = root / "current"
            if current.is_dir():
                published = sorted(p.name for p in current.iterdir() if p.is_dir())
                raise WinwinNotebookError(
                    f"No report named {name!r} under {root}; published: {', '.join(published)}.") from None
            if not (root / "current.json").exists():
                raise WinwinNotebookError(
                    f"Nothing is published under {root}: run notebooks/setup, or "
                    f"`./winwin monthly --month 2026-10 --output {root}`, "
                    f"or point WINWIN_OUTPUT at a winwin output folder.") from None
        raise _readable(e) from None
    return dataset


def sql(query):
    """spark.sql(query) with readable errors; reports read with report() are views by their name."""
    try:
        return spark.sql(query)
    except jpype.JException as e:
        raise _readable(e) from None


_FLOAT_TYPES = ("decimal", "double", "float")
_INT_TYPES = ("integer", "long", "short", "byte")


def to_pandas(dataset, limit=None):
    """Collect a (small, aggregated) Spark Dataset into a pandas DataFrame with proper dtypes.

    Decimals and doubles become float64, integers int64 (Int64 when there are nulls), booleans
    bool (boolean with nulls), dates and timestamps datetime64, strings object. Arrays and
    structs stay Python lists and dicts.

    limit=None: the whole result, which must have at most MAX_ROWS rows (more is almost always a
    forgotten aggregation, so it is an error); limit=n: the first n rows.
    """
    try:
        fields = [(str(f.name()), str(f.dataType().typeName())) for f in dataset.schema().fields()]
        cap = MAX_ROWS + 1 if limit is None else int(limit)
        rows = [json.loads(str(text)) for text in dataset.limit(JInt(cap)).toJSON().collectAsList()]
    except jpype.JException as e:
        raise _readable(e) from None
    if limit is None and len(rows) > MAX_ROWS:
        raise WinwinNotebookError(
            f"The result has more than {MAX_ROWS:,} rows: aggregate it in Spark first, "
            f"or pass limit=n to take the first n rows.")
    names = [name for name, _ in fields]
    frame = pd.DataFrame.from_records(rows, columns=names) if rows else pd.DataFrame(columns=names)
    for name, kind in fields:
        column = frame[name]
        if kind.startswith(_FLOAT_TYPES):
            frame[name] = pd.to_numeric(column, errors="coerce").astype("float64")
        elif kind in _INT_TYPES:
            frame[name] = column.astype("Int64" if column.isna().any() else "int64")
        elif kind == "boolean":
            frame[name] = column.astype("boolean" if column.isna().any() else "bool")
        elif kind == "date":
            frame[name] = pd.to_datetime(column, format="%Y-%m-%d")
        elif kind.startswith("timestamp"):
            frame[name] = pd.to_datetime(column, utc=kind == "timestamp")
        elif kind == "string":
            # An all-null column would otherwise come back as float NaN.
            frame[name] = column.astype(object).where(column.notna(), None)
    return frame

