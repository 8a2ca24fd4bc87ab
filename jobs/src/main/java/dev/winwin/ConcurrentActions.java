package dev.winwin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, actions.size()), action -> {
      Thread thread = new Thread(action, "winwin-action");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Map<K, Future<V>> running = new LinkedHashMap<>();
      actions.forEach((key, action) -> running.put(key, threads.submit(action::get)));
      Map<K, V> results = new LinkedHashMap<>();
      List<Throwable> failures = new ArrayList<>();
      running.forEach((key, future) -> {
        try {
          results.put(key, future.get());
        } catch (ExecutionException e) {
          failures.add(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failures.add(e);
        }
      });
      if (!failures.isEmpty()) {
        Throwable first = failures.get(0);
        if (first instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (first instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(first);
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }
}
