package dev.winwin.io;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

import org.apache.hadoop.fs.FileStatus;

/**
 * The primitive file operations {@link ReportSnapshot} publishes with, under one output root.
 *
 * <p>The folder chores (list, create, move, delete) are the same on every Hadoop file system and
 * have one implementation here; a layout supplies only what differs: how the published snapshot is
 * named and switched ({@link LinkStore}: symbolic links renamed atomically on a local file system;
 * {@link PointerStore}: the pointer file {@code current.json} anywhere), how an unchanged partition
 * is carried over (hard link or copy) and what makes a snapshot durable before the switch. Every
 * operation the algorithm performs goes through this interface, so a test can make a store fail at
 * any one step.
 */
interface SnapshotStore {
  /** The published snapshot and the one before it, as the switch names them. */
  record Published(Optional<String> current, Optional<String> previous) {
    static final Published NONE = new Published(Optional.empty(), Optional.empty());
  }

  /** The output root this store publishes under. */
  Location root();

  /**
   * The snapshots the switch names now.
   *
   * @throws dev.winwin.UserError if the root is published in the other layout, or holds names
   *     this layout uses that winwin did not write
   */
  Published published() throws IOException;

  /**
   * @throws dev.winwin.UserError if {@code report} cannot be published under its name (links:
   *     {@code <root>/<report>} is something other than the link winwin makes)
   */
  default void requirePublishable(String report) throws IOException {}

  /** Recreates the published folder {@code source} at {@code target} with the same bytes. */
  void carryOver(Location source, Location target) throws IOException;

  /** Makes everything under {@code snapshot} durable before the switch can name it. */
  default void flush(Location snapshot) throws IOException {}

  /**
   * The one step a reader can observe: names {@code snapshot} as published, with {@code previous}
   * as the one before it and {@code reports} as its report folders. A reader sees the old names
   * or the new ones, never a mix.
   */
  void switchTo(String snapshot, Optional<String> previous, SortedSet<String> reports) throws IOException;

  /** Removes the temporary files a switch that was killed midway leaves under the root. */
  void removeSwitchLeftovers() throws IOException;

  /** The entries of a folder sorted by name, or none if it does not exist. */
  default List<FileStatus> children(Location dir) throws IOException {
    return HadoopFiles.children(dir);
  }

  /** Creates a folder and its parents. */
  default void makeDirectory(Location dir) throws IOException {
    if (!dir.fs().mkdirs(dir.path())) {
      throw new IOException("Cannot create " + dir);
    }
  }

  /** Moves a staged folder into the snapshot; {@code target} does not exist yet. */
  default void move(Location source, Location target) throws IOException {
    if (!source.fs().rename(source.path(), target.path())) {
      throw new IOException("Cannot move " + source + " to " + target);
    }
  }

  /** Deletes a file or a folder with everything below it; a missing one is fine. */
  default void delete(Location location) throws IOException {
    HadoopFiles.deleteRecursively(location);
  }
}
