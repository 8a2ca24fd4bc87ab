package dev.winwin;

/**
 * A failure the user can cause and fix: bad input, bad configuration, a missing file.
 *
 * <p>The message is one sentence naming the file, row, column or key at fault; the command line
 * prints it without a stack trace and exits with {@link #exitCode()}.
 */
public class UserError extends RuntimeException {
  public static final int EXIT_ERROR = 1;
  public static final int EXIT_QUALITY_GATE = 2;

  private final int exitCode;

  public UserError(String message) {
    this(message, EXIT_ERROR, null);
  }

  public UserError(String message, Throwable cause) {
    this(message, EXIT_ERROR, cause);
  }

  public UserError(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
