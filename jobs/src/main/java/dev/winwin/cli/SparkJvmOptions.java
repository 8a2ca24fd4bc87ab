package dev.winwin.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Writes Spark's own list of JVM flags for Java 17 to an argument file, one flag a line.
 *
 * <p>The build runs this once; the launcher script, Surefire and the notebooks pass the file to
 * {@code java @file}, so the list lives in Spark alone and never in a hand-kept copy.
 */
public final class SparkJvmOptions {
  private SparkJvmOptions() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: SparkJvmOptions <output file>");
    }
    Path target = Path.of(args[0]);
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.writeString(target, String.join("\n", JavaModuleOptions.defaultModuleOptionArray()) + "\n");
  }
}
