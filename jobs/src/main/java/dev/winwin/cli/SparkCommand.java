package dev.winwin.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.winwin.Secrets;
import dev.winwin.config.Settings;
import dev.winwin.pipeline.Runner;
import dev.winwin.pipeline.SparkSessions;

/**
 * A command that needs Spark: settings are loaded and validated first, so a bad key fails before
 * Spark starts; the session is stopped however the command ends.
 */
abstract class SparkCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() {
    Settings settings = common.settings();
    // A session that already runs here (a notebook, a test) belongs to its owner: join it, leave it running.
    boolean joined = SparkSession.getDefaultSession().isDefined();
    SparkSession spark = SparkSessions.start(settings.spark());
    try {
      return run(new Runner(spark, settings), settings, System.out);
    } finally {
      if (!joined) {
        spark.stop();
      }
    }
  }

  /** The command's work; returns the exit code. */
  abstract int run(Runner runner, Settings settings, PrintStream out);

  /** The command line as typed, secrets masked, for the run manifest. */
  String commandLine() {
    return "winwin " + String.join(" ", Secrets.arguments(spec.commandLine().getParseResult().originalArgs()));
  }
}
