package dev.winwin.cli;

import picocli.CommandLine.Option;

/** The option of the commands that read the input through the staged store. */
final class StagingOptions {
  @Option(names = "--restage",
      description = "Parse and judge every input file again instead of reusing the staged store under --output (a cold run; the reports are the same).")
  boolean restage;
}
