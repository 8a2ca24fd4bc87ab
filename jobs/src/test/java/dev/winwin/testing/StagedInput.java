package dev.winwin.testing;

import static dev.winwin.schema.Columns.SOURCE_FILE;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.winwin.io.Location;
import dev.winwin.quality.Validation;
import dev.winwin.schema.Source;
import dev.winwin.stage.FileTable;
import dev.winwin.stage.StagedRows;
import dev.winwin.stage.Stager;

/**
 * Feeds validation from memory the way a run does: raw rows (as {@link RawRows} makes them) are
 * staged through the row rules into Parquet files in a temporary folder, read back, and judged.
 */
public final class StagedInput {
  private StagedInput() {}

  /** How a run computes each judged source once, done in memory: later rules and the test's own reads do not recompute it. */
  public static final Validation.Materializer IN_MEMORY = (name, rows) -> rows.localCheckpoint();

  /** Every source judged: {@link Validation#validate} over the staged {@code raw} rows. */
  public static Map<Source, Dataset<Row>> judge(Map<Source, Dataset<Row>> raw, String baseCurrency) {
    Map<Source, List<String>> paths = new EnumMap<>(Source.class);
    raw.forEach((source, rows) -> paths.put(source,
        rows.select(col(SOURCE_FILE)).distinct().collectAsList().stream().map(row -> row.getString(0)).toList()));
    FileTable files = FileTable.ofPaths(paths);
    return Validation.validate(stage(raw, files), files.table(TestSpark.session()), baseCurrency, IN_MEMORY);
  }

  /** The staged rows of {@code raw}, each row numbered by the id {@code files} gives its file. */
  public static Map<Source, Dataset<Row>> stage(Map<Source, Dataset<Row>> raw, FileTable files) {
    Path folder;
    try {
      folder = Files.createTempDirectory("winwin-staged-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Source, Dataset<Row>> staged = new EnumMap<>(Source.class);
    raw.forEach((source, rows) -> {
      List<Stager.StagedPart> parts = Stager.stageRows(rows, source, files.ids(), Location.local(folder.resolve(source.folder())));
      staged.put(source, StagedRows.read(TestSpark.session(), source, parts.stream().map(Stager.StagedPart::path).toList()));
    });
    return staged;
  }
}
