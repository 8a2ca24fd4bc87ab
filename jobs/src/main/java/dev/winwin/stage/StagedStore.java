package dev.winwin.stage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;

import dev.winwin.ConcurrentActions;
import dev.winwin.ingest.DataFile;
import dev.winwin.ingest.SourceReader;
import dev.winwin.io.JsonFiles;
import dev.winwin.io.Location;
import dev.winwin.io.OutputLock;
import dev.winwin.quality.RuleCatalogue;
import dev.winwin.schema.Field;
import dev.winwin.schema.Source;

/**
 * The staged input store: every input file parsed and row-judged once ({@link Stager}) into typed
 * Parquet under {@code <output>/_staged/}, reused by later runs while the file and the row rules
 * are unchanged. It is a cache, never a source of truth: deleting it, or {@code --restage}, gives a
 * cold run with the same reports.
 *
 * <p>Layout:
 * <pre>
 * _staged/index.json                          what is trusted: the files, their batches and parts
 * _staged/batches/&lt;run_id&gt;/&lt;source&gt;/part-*.parquet   the rows staged by one run
 * </pre>
 * A file is reused when its path, size and modification time (and the file system's checksum,
 * where it offers one) equal those it was staged with, and the {@linkplain #fingerprint() row
 * rules' fingerprint} equals the index's. A run stages the new and changed files into a batch of
 * its own and then replaces {@code index.json} in one atomic step; until then nothing it wrote is
 * trusted, so a run killed at any moment leaves the previous index and its batches intact. A batch
 * whose parts are not exactly as the index lists them (missing, other sizes) is dropped and its
 * files staged again; folders the index does not name are leftovers and removed. All of it
 * happens under the output's lock.
 */
public final class StagedStore {
  public static final String FOLDER = "_staged";
  static final String INDEX = "index.json";
  static final String BATCHES = "batches";
  private static final int INDEX_VERSION = 1;
  /**
   * Part of the fingerprint: raise it whenever the staged layout or the meaning of a row rule
   * changes in a way the catalogue's words and the source fields do not show.
   */
  private static final int ROW_RULES_REVISION = 1;
  private static final Logger LOG = LogManager.getLogger(StagedStore.class);

  /** The document {@code index.json}. */
  record Index(int version, String fingerprint, int nextFileId, List<Entry> files, Map<String, Map<String, List<Part>>> batches) {
    static Index empty(String fingerprint) {
      return new Index(INDEX_VERSION, fingerprint, 0, List.of(), Map.of());
    }
  }

  /**
   * One staged input file: its identity, its number, the batch holding its rows, and how many rows
   * it has.
   */
  record Entry(String source, String path, long bytes, long modified, String checksum, int fileId, String batch, long rows) {}

  /** One Parquet file of a batch, relative to the batch's source folder, and its size. */
  record Part(String name, long bytes) {}

  /** What became of one input file in this run. */
  public enum Use { STAGED, REUSED }

  /**
   * One input file of the run as the store holds it.
   *
   * @param batch the batch holding its rows: with the id, what names these staged rows and no others
   * @param use whether this run staged it or reused an earlier staging
   */
  public record StagedFile(Source source, String path, long bytes, int fileId, String batch, long rows, Use use) {}

  /**
   * The staged input of one run.
   *
   * @param files per source, its input files in path order
   * @param parts per source, the staged Parquet files holding their rows (and possibly rows of
   *     files that are gone, which readers filter out by {@code file_id})
   * @param dropped files staged before that are no longer in the input
   */
  public record StagedInput(Map<Source, List<StagedFile>> files, Map<Source, List<String>> parts, List<String> dropped) {
    /** The run's file table: ids and ranks of the live files. */
    public FileTable fileTable() {
      Map<String, Integer> ids = new HashMap<>();
      Map<String, Integer> ranks = new HashMap<>();
      files.values().forEach(sourceFiles -> {
        for (int rank = 0; rank < sourceFiles.size(); rank++) {
          ids.put(sourceFiles.get(rank).path(), sourceFiles.get(rank).fileId());
          ranks.put(sourceFiles.get(rank).path(), rank);
        }
      });
      return new FileTable(Map.copyOf(ids), Map.copyOf(ranks));
    }

    /** The staged rows of {@code source}'s live files (a batch may also hold rows of files that are gone). */
    public org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows(SparkSession spark, Source source) {
      Object[] live = files.get(source).stream().map(StagedFile::fileId).toArray();
      return StagedRows.read(spark, source, parts.get(source))
          .filter(org.apache.spark.sql.functions.col(dev.winwin.schema.Columns.FILE_ID).isin(live));
    }

    /** Rows staged per source folder: the read counts the judgement must account for. */
    public Map<String, Long> rowsPerSource() {
      Map<String, Long> rows = new HashMap<>();
      files.forEach((source, sourceFiles) -> rows.put(source.folder(), sourceFiles.stream().mapToLong(StagedFile::rows).sum()));
      return rows;
    }
  }

  private final OutputLock lock;
  private final Location root;
  private final Index index;

  private StagedStore(OutputLock lock, Location root, Index index) {
    this.lock = lock;
    this.root = root;
    this.index = index;
  }

  /**
   * Opens the store of the locked output root: reads its index, drops what it cannot trust (an
   * unreadable index, another fingerprint, a damaged batch) and removes what killed runs left.
   *
   * @param restage forget everything staged before, so this run stages every file
   */
  public static StagedStore open(OutputLock lock, boolean restage) {
    if (!lock.isHeld()) {
      throw new IllegalStateException("The lock on " + lock.root() + " has been released");
    }
    Location root = lock.root().resolve(FOLDER);
    Index index = restage ? Index.empty(fingerprint()) : readIndex(root);
    StagedStore store = new StagedStore(lock, root, verified(root, index));
    store.removeUnlisted();
    return store;
  }

  /**
   * Stages what is new or changed among {@code inputs}, reuses the rest, forgets files that
   * disappeared, and replaces the index with the result.
   *
   * @param inputs per source, its data files in path order, as {@link SourceReader#dataFiles} lists them
   * @param batch the name of the batch new rows go to: the run id
   */
  public StagedInput refresh(SparkSession spark, Map<Source, List<DataFile>> inputs, String batch) {
    Map<String, String> checksums = new HashMap<>();
    inputs.values().forEach(files -> files.forEach(file ->
        checksums.put(file.relativePath(), checksum(file, spark.sparkContext().hadoopConfiguration()))));
    Map<String, Entry> known = new HashMap<>();
    index.files().forEach(entry -> known.put(entry.path(), entry));
    int nextFileId = index.nextFileId();
    Map<Source, List<DataFile>> toStage = new EnumMap<>(Source.class);
    Map<String, Integer> newIds = new HashMap<>();
    List<Entry> reused = new ArrayList<>();
    Set<String> live = new HashSet<>();
    for (Source source : Source.values()) {
      for (DataFile file : inputs.getOrDefault(source, List.of())) {
        live.add(file.relativePath());
        Entry entry = known.get(file.relativePath());
        if (entry != null && entry.source().equals(source.folder()) && entry.bytes() == file.bytes()
            && entry.modified() == file.modified().toEpochMilli() && Objects.equals(entry.checksum(), checksums.get(file.relativePath()))) {
          reused.add(entry);
        } else {
          toStage.computeIfAbsent(source, s -> new ArrayList<>()).add(file);
          newIds.put(file.relativePath(), nextFileId++);
        }
      }
    }
    List<String> dropped = index.files().stream().map(Entry::path).filter(path -> !live.contains(path)).sorted().toList();
    Map<Source, List<Stager.StagedPart>> staged = stage(spark, toStage, newIds, batch);

    List<Entry> entries = new ArrayList<>(reused);
    Map<String, Map<String, List<Part>>> batches = new TreeMap<>();
    staged.forEach((source, parts) -> {
      Map<Integer, Long> rows = new HashMap<>();
      List<Part> listed = new ArrayList<>();
      for (Stager.StagedPart part : parts) {
        part.rowsPerFile().forEach((id, count) -> rows.merge(id, count, Long::sum));
        listed.add(new Part(new org.apache.hadoop.fs.Path(part.path()).getName(), part.bytes()));
      }
      if (!listed.isEmpty()) {
        batches.computeIfAbsent(batch, b -> new TreeMap<>()).put(source.folder(), List.copyOf(listed));
      }
      for (DataFile file : toStage.get(source)) {
        int id = newIds.get(file.relativePath());
        entries.add(new Entry(source.folder(), file.relativePath(), file.bytes(), file.modified().toEpochMilli(), checksums.get(file.relativePath()), id, batch,
            rows.getOrDefault(id, 0L)));
      }
    });
    Set<String> liveBatches = new HashSet<>();
    entries.forEach(entry -> liveBatches.add(entry.batch()));
    index.batches().forEach((name, parts) -> {
      if (liveBatches.contains(name)) {
        batches.put(name, parts);
      }
    });
    entries.sort(java.util.Comparator.comparing(Entry::path));
    Index next = new Index(INDEX_VERSION, index.fingerprint(), nextFileId, List.copyOf(entries), batches);
    requireHeld();
    JsonFiles.write(root.resolve(INDEX), next);
    removeBatchesExcept(batches.keySet());
    return input(next, newIds.keySet(), dropped);
  }

  private Map<Source, List<Stager.StagedPart>> stage(SparkSession spark, Map<Source, List<DataFile>> toStage,
      Map<String, Integer> ids, String batch) {
    Map<Source, Supplier<List<Stager.StagedPart>>> jobs = new EnumMap<>(Source.class);
    toStage.forEach((source, files) -> {
      LOG.info("Staging {} new or changed file(s) of {}", files.size(), source.folder());
      Location folder = root.resolve(BATCHES + "/" + batch + "/" + source.folder());
      jobs.put(source, () -> Stager.stage(spark, source, files, ids, folder));
    });
    return ConcurrentActions.run(jobs);
  }

  private StagedInput input(Index next, Set<String> stagedNow, List<String> dropped) {
    Map<Source, List<StagedFile>> files = new EnumMap<>(Source.class);
    Map<Source, List<String>> parts = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      files.put(source, new ArrayList<>());
      parts.put(source, new ArrayList<>());
    }
    for (Entry entry : next.files()) {
      Source source = source(entry.source());
      files.get(source).add(new StagedFile(source, entry.path(), entry.bytes(), entry.fileId(), entry.batch(), entry.rows(),
          stagedNow.contains(entry.path()) ? Use.STAGED : Use.REUSED));
    }
    next.batches().forEach((batch, sources) -> sources.forEach((folder, batchParts) -> batchParts.forEach(part ->
        parts.get(source(folder)).add(root.resolve(BATCHES + "/" + batch + "/" + folder + "/" + part.name()).uri()))));
    files.replaceAll((source, list) -> List.copyOf(list));
    parts.replaceAll((source, list) -> List.copyOf(list));
    return new StagedInput(files, parts, dropped);
  }

  /**
   * The fingerprint of the row rules: the catalogue (codes, columns and what they check), every
   * source field (name, kind, whether required, allowed values) and {@link #ROW_RULES_REVISION}.
   * Staged rows made under another fingerprint are never reused.
   */
  static String fingerprint() {
    StringBuilder text = new StringBuilder("revision ").append(ROW_RULES_REVISION).append('\n');
    RuleCatalogue.all().forEach(rule -> text.append(rule).append('\n'));
    for (Source source : Source.values()) {
      for (Field field : source.fields()) {
        text.append(source.folder()).append(' ').append(field).append('\n');
      }
    }
    return StoreFiles.digest(text.toString());
  }

  /** The file system's checksum of an input file where it offers one (HDFS does; a local disk does not). */
  private static String checksum(DataFile file, Configuration conf) {
    try {
      FileChecksum checksum = file.path().getFileSystem(conf).getFileChecksum(file.path());
      return checksum == null ? null : checksum.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the checksum of " + file.path(), e);
    }
  }

  private static Index readIndex(Location root) {
    Location file = root.resolve(INDEX);
    try {
      if (!file.exists()) {
        return Index.empty(fingerprint());
      }
      Index index = JsonFiles.read(file, Index.class);
      if (index.files() == null || index.batches() == null || index.files().contains(null)) {
        throw new IllegalArgumentException("it lacks its files or batches");
      }
      if (index.version() != INDEX_VERSION || !fingerprint().equals(index.fingerprint())) {
        LOG.info("The staged input under {} was made by other row rules; every file is staged again", root);
        return Index.empty(fingerprint());
      }
      return index;
    } catch (UncheckedIOException | IllegalArgumentException e) {
      LOG.warn("The staged input index {} cannot be read ({}); every file is staged again", file, e.getMessage());
      return Index.empty(fingerprint());
    }
  }

  /** The index without the batches whose parts are not exactly as listed, and without their files. */
  private static Index verified(Location root, Index index) {
    Set<String> damaged = new HashSet<>();
    index.batches().forEach((batch, sources) -> sources.forEach((folder, parts) -> {
      Map<String, Long> found = sizes(root.resolve(BATCHES + "/" + batch + "/" + folder));
      for (Part part : parts) {
        if (!Long.valueOf(part.bytes()).equals(found.get(part.name()))) {
          damaged.add(batch);
        }
      }
    }));
    if (damaged.isEmpty()) {
      return index;
    }
    LOG.warn("Staged batch(es) {} under {} are damaged; their files are staged again", damaged, root);
    Map<String, Map<String, List<Part>>> batches = new LinkedHashMap<>(index.batches());
    damaged.forEach(batches::remove);
    List<Entry> files = index.files().stream().filter(entry -> !damaged.contains(entry.batch())).toList();
    return new Index(index.version(), index.fingerprint(), index.nextFileId(), files, batches);
  }

  /** Removes batch folders and files the index does not list: what killed runs and failed task attempts left. */
  private void removeUnlisted() {
    Location batches = root.resolve(BATCHES);
    for (FileStatus batch : StoreFiles.children(batches)) {
      Map<String, List<Part>> sources = index.batches().get(batch.getPath().getName());
      if (sources == null) {
        StoreFiles.delete(root, batch.getPath());
        continue;
      }
      for (FileStatus folder : StoreFiles.children(batches.resolve(batch.getPath().getName()))) {
        List<Part> parts = sources.get(folder.getPath().getName());
        Set<String> listed = new HashSet<>();
        Optional.ofNullable(parts).ifPresent(list -> list.forEach(part -> listed.add(part.name())));
        for (FileStatus file : StoreFiles.children(new Location(root.fs(), folder.getPath()))) {
          if (!listed.contains(file.getPath().getName())) {
            StoreFiles.delete(root, file.getPath());
          }
        }
      }
    }
  }

  private void removeBatchesExcept(Set<String> keep) {
    for (FileStatus batch : StoreFiles.children(root.resolve(BATCHES))) {
      if (!keep.contains(batch.getPath().getName())) {
        StoreFiles.delete(root, batch.getPath());
      }
    }
  }

  private void requireHeld() {
    if (!lock.isHeld()) {
      throw new IllegalStateException("The lock on " + lock.root() + " has been released");
    }
  }

  private static Map<String, Long> sizes(Location folder) {
    Map<String, Long> sizes = new HashMap<>();
    StoreFiles.children(folder).forEach(status -> sizes.put(status.getPath().getName(), status.getLen()));
    return sizes;
  }

  private static Source source(String folder) {
    for (Source source : Source.values()) {
      if (source.folder().equals(folder)) {
        return source;
      }
    }
    throw new IllegalStateException("The staged input index names an unknown source " + folder);
  }
}
