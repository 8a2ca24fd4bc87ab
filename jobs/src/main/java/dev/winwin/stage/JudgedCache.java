package dev.winwin.stage;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.hadoop.fs.FileStatus;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

import dev.winwin.io.JsonFiles;
import dev.winwin.io.Location;
import dev.winwin.io.OutputLock;
import dev.winwin.quality.Rejudgement;
import dev.winwin.quality.Validation;
import dev.winwin.schema.Source;

/**
 * The judged input of the last run, kept beside the staged store: every source after the cross-row
 * rules, as Parquet, with its reconciliation counts. A run whose staged files, base currency and
 * cross-row rules are those of the kept judgement reads it instead of judging again, so a rerun
 * with, say, another margin target starts at the reports. A run with other files starts from the
 * kept judgement instead ({@link #previous}): it judges again only what its new, changed and
 * removed files can change ({@link Rejudgement}), and writes only those rows.
 *
 * <p>Layout: a judgement is an entry naming its layers, each a set of judged rows that replaces
 * what its changed ids and gone files name in the layers before it ({@link Rejudgement#kept}).
 * <pre>
 * _staged/judged/entries/&lt;key&gt;/basis.json, counts.json     what a judgement judged, its layers, its counts
 * _staged/judged/layers/&lt;layer&gt;/&lt;source&gt;/part-*.parquet    the rows one run judged
 * _staged/judged/layers/&lt;layer&gt;/changed_*&#47;part-*.parquet   the ids it judged again
 * </pre>
 * A run that judges everything writes one layer of every judged row; so does a run starting from
 * {@value #MAX_LAYERS} layers, so that reading a judgement stays a union of a few.
 *
 * <p>Like the staged store it is a cache: a judgement is trusted only once its counts file, written
 * last, exists; entries not trusted, and layers no kept entry names, are removed when the cache is
 * opened, under the output's lock, and the earlier entry a run starts from is removed only after
 * the run's own entry is committed.
 *
 * @param <C> the counts kept with a judgement
 */
public final class JudgedCache<C> {
  static final String FOLDER = "judged";
  static final String ENTRIES = "entries";
  static final String LAYERS = "layers";
  static final String COUNTS = "counts.json";
  static final String BASIS = "basis.json";
  static final int MAX_LAYERS = 4;
  private static final Logger LOG = LogManager.getLogger(JudgedCache.class);

  /**
   * What an entry judged, written just before its counts: the rules and base currency it judged by,
   * its place in the line of judgements each started from the one before, its files and its layers,
   * oldest first.
   */
  record Basis(int revision, String rowRules, String baseCurrency, long generation, List<JudgedFile> files, List<Layer> layers) {
    boolean judgesBy(int otherRevision, String otherRowRules, String otherBaseCurrency) {
      return revision == otherRevision && rowRules.equals(otherRowRules) && baseCurrency.equals(otherBaseCurrency);
    }

    Basis withLayers(List<Layer> judgedLayers) {
      return new Basis(revision, rowRules, baseCurrency, generation, files, List.copyOf(judgedLayers));
    }
  }

  /** One judged input file: its source, path, id and the staged batch its rows came from. */
  record JudgedFile(String source, String path, int fileId, String batch) {}

  /** One layer of judged rows: its folder's name, and the files whose rows it removes from the layers before it. */
  record Layer(String name, List<Integer> goneFiles) {}

  /** An entry that is committed, with what it judged. */
  private record Committed(Location folder, Basis basis) {}

  private final Location layers;
  private final Location folder;
  private final Class<C> countsType;
  private final Basis wanted;
  private final Optional<Committed> exact;
  private final Optional<Committed> earlier;
  private final String layerName;
  private Optional<Layer> startedFrom = Optional.empty();

  private JudgedCache(Location root, String key, Class<C> countsType, Basis wanted, Optional<Committed> exact,
      Optional<Committed> earlier) {
    this.layers = root.resolve(LAYERS);
    this.folder = root.resolve(ENTRIES).resolve(key);
    this.countsType = countsType;
    this.wanted = wanted;
    this.exact = exact;
    this.earlier = earlier;
    // The generation keeps a layer's name apart from an earlier layer judged for the same input.
    this.layerName = wanted.generation() + "-" + key;
  }

  /**
   * The cache entry for judging {@code input} against {@code baseCurrency}: kept from an earlier run
   * when one judged exactly this, otherwise empty, with the latest committed judgement by the same
   * rules to start from; other entries, and layers none of those two names, are removed.
   *
   * @param restage forget every judgement, as the staged store forgets every staged file
   */
  public static <C> JudgedCache<C> open(OutputLock lock, StagedStore.StagedInput input, String baseCurrency, Class<C> countsType,
      boolean restage) {
    if (!lock.isHeld()) {
      throw new IllegalStateException("The lock on " + lock.root() + " has been released");
    }
    Location root = lock.root().resolve(StagedStore.FOLDER + "/" + FOLDER);
    Location entries = root.resolve(ENTRIES);
    String key = key(input, lock.root().resolve(StagedStore.FOLDER).uri(), baseCurrency);
    List<Committed> committed = restage ? List.of() : committed(entries, root.resolve(LAYERS));
    Optional<Committed> exact = committed.stream().filter(entry -> entry.folder().name().equals(key)).findFirst();
    String rowRules = StagedStore.fingerprint();
    Optional<Committed> earlier = exact.isPresent() ? Optional.empty() : committed.stream()
        .filter(entry -> entry.basis().judgesBy(Validation.REVISION, rowRules, baseCurrency))
        .max(Comparator.comparingLong(entry -> entry.basis().generation()));
    long generation = earlier.map(entry -> entry.basis().generation() + 1).orElse(0L);
    Set<String> keptEntries = new HashSet<>();
    Set<String> keptLayers = new HashSet<>();
    exact.or(() -> earlier).ifPresent(entry -> {
      keptEntries.add(entry.folder().name());
      entry.basis().layers().forEach(layer -> keptLayers.add(layer.name()));
    });
    // What earlier layouts of the cache left beside the two folders is never read again.
    removeExcept(root, Set.of(ENTRIES, LAYERS));
    removeExcept(entries, keptEntries);
    removeExcept(root.resolve(LAYERS), keptLayers);
    return new JudgedCache<>(root, key, countsType,
        new Basis(Validation.REVISION, rowRules, baseCurrency, generation, judgedFiles(input), List.of()), exact, earlier);
  }

  /** The kept judgement: every source's judged rows and the counts stored with them; empty when none was kept. */
  public Optional<Judged<C>> read(SparkSession spark) {
    return exact.map(entry -> {
      LOG.info("Reusing the judged input of an earlier run from {}", entry.folder());
      return new Judged<>(sources(spark, entry.basis().layers()), JsonFiles.read(entry.folder().resolve(COUNTS), countsType));
    });
  }

  /**
   * The earlier judgement this run can start from, and how its files differ from this run's; empty
   * when there is none, when none of its files is still there, or when a file id names other staged
   * rows in each (the staged store started again), so that only a whole judgement is exact.
   */
  public Optional<Rejudgement.Previous> previous(SparkSession spark) {
    if (exact.isPresent() || earlier.isEmpty()) {
      return Optional.empty();
    }
    Basis before = earlier.get().basis();
    Set<JudgedFile> filesBefore = new HashSet<>(before.files());
    Set<JudgedFile> filesNow = new HashSet<>(wanted.files());
    Set<Integer> newFiles = ids(filesNow, filesBefore);
    Set<Integer> goneFiles = ids(filesBefore, filesNow);
    if (filesBefore.stream().noneMatch(filesNow::contains) || newFiles.stream().anyMatch(goneFiles::contains)) {
      LOG.info("The judgement under {} does not fit this input; every row is judged", earlier.get().folder());
      return Optional.empty();
    }
    boolean fold = before.layers().size() >= MAX_LAYERS;
    startedFrom = Optional.of(new Layer(layerName, goneFiles.stream().sorted().toList()));
    LOG.info("Starting from the judgement of an earlier run under {} ({} layer(s){})", earlier.get().folder(), before.layers().size(),
        fold ? "; this run writes every judged row into one" : "");
    return Optional.of(new Rejudgement.Previous(sources(spark, before.layers()), newFiles, goneFiles, fold));
  }

  /** The ids of the files in {@code files} and not in {@code others}. */
  private static Set<Integer> ids(Set<JudgedFile> files, Set<JudgedFile> others) {
    Set<Integer> ids = new HashSet<>();
    files.stream().filter(file -> !others.contains(file)).forEach(file -> ids.add(file.fileId()));
    return ids;
  }

  /** Every source's judged rows of a judgement made of {@code layers}: each layer's rows over what it leaves of those before. */
  private Map<Source, Dataset<Row>> sources(SparkSession spark, List<Layer> judgement) {
    Map<Source, Dataset<Row>> judged = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      Dataset<Row> rows = null;
      for (Layer layer : judgement) {
        Location folder = layers.resolve(layer.name());
        Dataset<Row> layerRows = read(spark, folder, source.folder());
        rows = rows == null ? layerRows : Rejudgement.kept(source, rows, replacement(spark, folder, layer)).unionByName(layerRows);
      }
      judged.put(source, rows);
    }
    return judged;
  }

  private static Rejudgement.Replacement replacement(SparkSession spark, Location layer, Layer what) {
    Map<Source, Dataset<Row>> ids = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      if (source.isDealChild()) {
        ids.put(source, read(spark, layer, Rejudgement.changedIdsName(source)));
      }
    }
    return new Rejudgement.Replacement(read(spark, layer, Rejudgement.CHANGED_DEALS), ids, Set.copyOf(what.goneFiles()));
  }

  private static List<JudgedFile> judgedFiles(StagedStore.StagedInput input) {
    List<JudgedFile> files = new ArrayList<>();
    input.files().forEach((source, sourceFiles) -> sourceFiles.forEach(file ->
        files.add(new JudgedFile(source.folder(), file.path(), file.fileId(), file.batch()))));
    return List.copyOf(files);
  }

  /** The committed entries under {@code entries}: those with their counts, a readable basis and every layer it names. */
  private static List<Committed> committed(Location entries, Location layers) {
    List<Committed> committed = new ArrayList<>();
    for (FileStatus entry : StoreFiles.children(entries)) {
      Location folder = new Location(entries.fs(), entry.getPath());
      if (folder.resolve(COUNTS).exists() && folder.resolve(BASIS).exists()) {
        try {
          Basis basis = JsonFiles.read(folder.resolve(BASIS), Basis.class);
          if (basis.layers().stream().allMatch(layer -> layers.resolve(layer.name()).exists())) {
            committed.add(new Committed(folder, basis));
          }
        } catch (UncheckedIOException | IllegalArgumentException e) {
          LOG.warn("The judgement under {} cannot be read ({}); it is removed", folder, e.getMessage());
        }
      }
    }
    return committed;
  }

  private static void removeExcept(Location folder, Set<String> keep) {
    for (FileStatus child : StoreFiles.children(folder)) {
      if (!keep.contains(child.getPath().getName())) {
        StoreFiles.delete(folder, child.getPath());
      }
    }
  }

  /**
   * Writes one judged source (or a set of ids validation reads more than once) into this run's
   * layer and returns it read back: how {@link Validation} materialises it. The rows are not
   * partitioned by month: sorting every judged row by month to write a folder per month cost more
   * than a monthly run saves by reading only its months (a cold 1M-deal backfill judged in 64 s
   * instead of 90, docs/performance.md), and a filter on {@code group_month} reads the rows quickly
   * enough.
   */
  public Dataset<Row> write(String name, Dataset<Row> judged) {
    Location layer = layers.resolve(layerName);
    // The schema is kept beside the rows: a source without rows leaves no Parquet file to read it from.
    JsonFiles.write(schemaFile(layer, name), judged.schema().json());
    judged.write().parquet(layer.resolve(name).uri());
    return read(judged.sparkSession(), layer, name);
  }

  private static Dataset<Row> read(SparkSession spark, Location layer, String name) {
    StructType schema = (StructType) DataType.fromJson(JsonFiles.read(schemaFile(layer, name), String.class));
    return spark.read().schema(schema).parquet(layer.resolve(name).uri());
  }

  private static Location schemaFile(Location layer, String name) {
    return layer.resolve(name + ".schema.json");
  }

  /**
   * Makes the written judgement trusted by storing what it judged and its layers, then its counts,
   * last; then removes the earlier entry it started from, and the layers only that one named.
   *
   * @param whole whether this run's layer holds every judged row, or only those judged again over
   *     the {@link #previous} judgement's layers
   */
  public void commit(C counts, boolean whole) {
    List<Layer> layered = new ArrayList<>();
    if (whole) {
      layered.add(new Layer(layerName, List.of()));
    } else {
      layered.addAll(earlier.orElseThrow().basis().layers());
      layered.add(startedFrom.orElseThrow(() -> new IllegalStateException("No earlier judgement was read to start from")));
    }
    JsonFiles.write(folder.resolve(BASIS), wanted.withLayers(layered));
    JsonFiles.write(folder.resolve(COUNTS), counts);
    earlier.ifPresent(entry -> {
      StoreFiles.delete(entry.folder(), entry.folder().path());
      Set<String> named = new HashSet<>();
      layered.forEach(layer -> named.add(layer.name()));
      removeExcept(layers, named);
    });
  }

  /** A judgement: each source's judged rows and their counts. */
  public record Judged<C>(Map<Source, Dataset<Row>> sources, C counts) {}

  /**
   * Staged files (each by path, id and rows), their parts (by their path under {@code stagedRoot},
   * so that a moved or copied output root keeps its judgement), the base currency and the rules'
   * revisions, hashed.
   */
  static String key(StagedStore.StagedInput input, String stagedRoot, String baseCurrency) {
    StringBuilder text = new StringBuilder("judgement revision ").append(Validation.REVISION)
        .append("\nrow rules ").append(StagedStore.fingerprint())
        .append("\nbase currency ").append(baseCurrency).append('\n');
    input.files().forEach((source, files) -> files.forEach(file -> text.append(source.folder()).append(' ').append(file.path())
        .append(' ').append(file.fileId()).append(' ').append(file.rows()).append('\n')));
    input.parts().forEach((source, parts) -> parts.forEach(part -> text.append(
        part.startsWith(stagedRoot) ? part.substring(stagedRoot.length()) : part).append('\n')));
    return StoreFiles.digest(text.toString());
  }
}
