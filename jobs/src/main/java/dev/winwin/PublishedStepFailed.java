package dev.winwin;

/**
 * A step after the switch failed: the reports <em>were</em> published, so a scheduler must not
 * rerun the whole run, only the step. Exits with {@link #EXIT_PUBLISHED_STEP_FAILED}, distinct from a
 * failed run (1) and a failed quality gate (2).
 */
public final class PublishedStepFailed extends UserError {
  public static final int EXIT_PUBLISHED_STEP_FAILED = 3;

  /**
   * @param output where the reports were published, as the user should see it
   * @param step what failed, e.g. "writing the run manifest"
   * @param remedy what to do instead of rerunning, one clause
   */
  public PublishedStepFailed(String runId, String output, String step, String remedy, Throwable cause) {
    super("Run " + runId + " published its reports under " + output + ", but " + step + " failed ("
        + cause.getClass().getSimpleName() + ": " + firstLine(cause) + "); " + remedy + ".",
        EXIT_PUBLISHED_STEP_FAILED, cause);
  }

  private static String firstLine(Throwable cause) {
    return String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
  }
}
