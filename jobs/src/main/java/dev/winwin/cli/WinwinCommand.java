package dev.winwin.cli;

import org.apache.logging.log4j.LogManager;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

import dev.winwin.UserError;
import dev.winwin.Version;

/**
 * The {@code winwin} command line. Exit codes: 0 success, 1 error (bad configuration, missing
 * input, failure), 2 quality gate failed, 3 published but a later step failed.
 */
@Command(name = "winwin", mixinStandardHelpOptions = true, versionProvider = WinwinCommand.VersionProvider.class,
    description = "Win-win, win-lose and lose-lose classification of B2B deals, with Parquet reports.",
    subcommands = {MonthlyCommand.class, BackfillCommand.class, SummaryCommand.class, ValidateCommand.class, GenerateCommand.class,
        CompareCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Exit codes: 0 success, 1 error (bad configuration, missing input, failure; nothing published), "
        + "2 quality gate failed (nothing published), 3 the reports were published but a later step (summary, manifest) failed."})
public final class WinwinCommand implements Runnable {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code; a user's error prints one sentence. */
  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new WinwinCommand());
    commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
      UserError userError = userError(e);
      if (userError != null) {
        cl.getErr().println("winwin: " + userError.getMessage());
        return userError.exitCode();
      }
      LogManager.getLogger(WinwinCommand.class).error("The run failed unexpectedly", e);
      String firstLine = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      cl.getErr().println("winwin: the run failed unexpectedly (" + e.getClass().getSimpleName() + ": " + firstLine
          + "); details are logged above; published reports are unchanged.");
      return UserError.EXIT_ERROR;
    });
    // picocli's own usage-error code is 2, which winwin keeps for the quality gate.
    commandLine.setParameterExceptionHandler((e, ignored) -> {
      CommandLine failed = e.getCommandLine();
      failed.getErr().println("winwin: " + e.getMessage());
      failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
      return UserError.EXIT_ERROR;
    });
    return commandLine.execute(args);
  }

  private static UserError userError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UserError userError) {
        return userError;
      }
    }
    return null;
  }

  static final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"winwin " + Version.get()};
    }
  }
}
