package dev.winwin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Runs independent Spark actions from threads of their own. Spark plans, compiles and schedules a
 * job on the thread that asks for it; while one thread does that, another's tasks use the cores,
 * which matters most for small inputs, where planning is most of the time.
 */
public final class ConcurrentActions {
  private ConcurrentActions() {}

  /**
   * Runs every action and waits for all of them.
   *
   * @return each key with its action's result, in the order of {@code actions}
   * @throws RuntimeException the first failure, as the action threw it, once every action ended
   */
  public static <K, V> Map<K, V> run(Map<K, Supplier<V>> actions) {
    Map<K, Started<V>> running = new LinkedHashMap<>();
    actions.forEach((key, action) -> running.put(key, start(action)));
    Map<K, V> results = new LinkedHashMap<>();
    Throwable firstFailure = null;
    for (Map.Entry<K, Started<V>> action : running.entrySet()) {
      try {
        results.put(action.getKey(), action.getValue().get());
      } catch (RuntimeException | Error e) {
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    if (firstFailure instanceof Error error) {
      throw error;
    }
    if (firstFailure instanceof RuntimeException runtime) {
      throw runtime;
    }
    return results;
  }

  /**
   * Starts {@code action} on a thread of its own and returns at once: for actions of different
   * result types that can run side by side.
   */
  public static <V> Started<V> start(Supplier<V> action) {
    FutureTask<V> task = new FutureTask<>(action::get);
    Thread thread = new Thread(task, "winwin-action");
    thread.setDaemon(true);
    thread.start();
    return new Started<>(task);
  }

  /** An action started by {@link #start}. */
  public static final class Started<V> {
    private final FutureTask<V> task;

    private Started(FutureTask<V> task) {
      this.task = task;
    }

    /**
     * Waits for the action to end.
     *
     * @return its result
     * @throws RuntimeException what the action threw (an {@link Error} is rethrown as it is)
     */
    public V get() {
      try {
        return task.get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for a Spark action", e);
      }
    }
  }
}
