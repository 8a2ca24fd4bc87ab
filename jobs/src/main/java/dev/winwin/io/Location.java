package dev.winwin.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import dev.winwin.Secrets;
import dev.winwin.UserError;

/**
 * A file or folder on any Hadoop-compatible file system ({@code file:}, {@code hdfs:},
 * {@code s3a:}, ...), with the file system that serves it.
 *
 * <p>The path is fully qualified (scheme, authority, absolute), so it means the same thing on the
 * driver and on every executor: a relative {@code out} becomes {@code file:/<driver's cwd>/out}.
 * {@link #toString()} shows a local path the way the user wrote it, without {@code file:}.
 */
public record Location(FileSystem fs, Path path) {
  /**
   * Schemes of object stores: no atomic rename, no symbolic or hard links, but a single PUT of an
   * object is atomic (a reader sees the old object or the whole new one).
   */
  private static final Set<String> OBJECT_STORES = Set.of(
      "s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "oss", "cos", "cosn", "obs", "r2");

  /**
   * Resolves {@code location} (a path, relative or absolute, or a URI such as
   * {@code hdfs://nn:8020/winwin/out}) against the default file system of {@code conf}.
   *
   * @throws UserError if no file system serves the scheme (the connector jar is missing, e.g.
   *     hadoop-aws for {@code s3a:})
   */
  public static Location of(Configuration conf, String location) {
    return of(conf, new Path(location), location);
  }

  /** A folder on the local file system of this JVM. */
  public static Location local(java.nio.file.Path path) {
    return local(new Configuration(), path);
  }

  /** {@link #local(java.nio.file.Path)} through the local file system {@code conf} configures. */
  static Location local(Configuration conf, java.nio.file.Path path) {
    String uri = path.toAbsolutePath().normalize().toUri().toString();
    // A folder's URI ends with '/', which Hadoop keeps: the folder would be its own parent.
    String plain = uri.endsWith("/") && !uri.equals("file:///") ? uri.substring(0, uri.length() - 1) : uri;
    return of(conf, new Path(URI.create(plain)), path.toString());
  }

  private static Location of(Configuration conf, Path path, String location) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      return new Location(fs, fs.makeQualified(path));
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError("No file system for " + location + " (" + e.getMessage()
          + "); is the connector for its scheme on the class path, and the URI complete?", e);
    }
  }

  /** The location of {@code child} (one or more {@code /}-separated segments) below this one. */
  public Location resolve(String child) {
    return new Location(fs, new Path(path, child));
  }

  /** The folder holding this location. */
  public Location parent() {
    return new Location(fs, path.getParent());
  }

  /** The last segment of the path. */
  public String name() {
    return path.getName();
  }

  /** Whether this is the local file system, where java.nio (links, OS locks) works. */
  public boolean isLocal() {
    return "file".equals(scheme());
  }

  /** Whether this is an object store (see {@link #OBJECT_STORES}). */
  public boolean isObjectStore() {
    return OBJECT_STORES.contains(scheme());
  }

  /** The java.nio path of a {@linkplain #isLocal() local} location. */
  public java.nio.file.Path toLocalPath() {
    if (!isLocal()) {
      throw new IllegalStateException(this + " is not on the local file system");
    }
    return java.nio.file.Path.of(URI.create("file:" + path.toUri().getRawPath()));
  }

  /** The fully qualified URI, for Spark's readers and writers. */
  public String uri() {
    return path.toString();
  }

  /** Whether anything exists here. */
  public boolean exists() {
    try {
      return fs.exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot look up " + this, e);
    }
  }

  /** A local path as a plain path; anything else as its URI, with credentials in it masked (for messages). */
  @Override
  public String toString() {
    return isLocal() ? path.toUri().getPath() : Secrets.uris(path.toString());
  }

  private String scheme() {
    String scheme = path.toUri().getScheme();
    return scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
  }
}
