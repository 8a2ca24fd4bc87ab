package dev.winwin.io;

import java.util.Locale;

/** Where a {@link ReportSnapshot} is in its life: open until it is published or abandoned. */
enum SnapshotState {
  OPEN, PUBLISHED, ABANDONED;

  /** @throws IllegalStateException unless the snapshot of {@code runId} is still open */
  void requireOpen(String runId) {
    if (this != OPEN) {
      throw new IllegalStateException("Snapshot " + runId + " is already " + name().toLowerCase(Locale.ROOT));
    }
  }
}
