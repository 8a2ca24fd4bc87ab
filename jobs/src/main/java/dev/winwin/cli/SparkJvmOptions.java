package dev.winwin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Writes Spark's own list of JVM flags for Java 17 to an argument file, one flag a line, then the
 * flags winwin adds ({@link #WINWIN_FLAGS}).
 *
 * <p>The build runs this once; the launcher script, Surefire and the notebooks pass the file to
 * {@code java @file}, so the list lives in Spark alone and never in a hand-kept copy.
 */
public final class SparkJvmOptions {
  /**
   * Lets the JIT compile methods over 8,000 bytes of bytecode. Spark's generated code for a wide
   * source (every field of the deals parsed and checked in one stage) exceeds that, and the JVM
   * would otherwise interpret it for every row: at 1M deals a tenth of the tasks' samples were in
   * that one interpreted method, and the flag took 9 % off the run's CPU (docs/performance.md).
   */
  static final String[] WINWIN_FLAGS = {"-XX:-DontCompileHugeMethods"};

  private SparkJvmOptions() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: SparkJvmOptions <output file>");
    }
    Path target = Path.of(args[0]);
    Files.createDirectories(target.toAbsolutePath().getParent());
    List<String> flags = new ArrayList<>(List.of(JavaModuleOptions.defaultModuleOptionArray()));
    flags.addAll(List.of(WINWIN_FLAGS));
    Files.writeString(target, String.join("\n", flags) + "\n");
  }
}
