package dev.winwin.stage;

import static dev.winwin.schema.Columns.FILE_ID;
import static dev.winwin.schema.Columns.FILE_RANK;
import static dev.winwin.schema.Columns.SOURCE_FILE;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dev.winwin.schema.Source;

/**
 * The input files of a run, each with a number unique in the run and its rank among its source's
 * files in path order (the order that decides which copy of a duplicated id is kept).
 *
 * @param ids the number of every file by its path relative to the input root
 * @param ranks the rank of every file among its source's files, by path
 */
public record FileTable(Map<String, Integer> ids, Map<String, Integer> ranks) {
  public static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField(FILE_ID, DataTypes.IntegerType, false),
      DataTypes.createStructField(FILE_RANK, DataTypes.IntegerType, false),
      DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false)));

  /** @param paths per source, the paths of its files relative to the input root */
  public static FileTable ofPaths(Map<Source, List<String>> paths) {
    Map<String, Integer> ids = new HashMap<>();
    Map<String, Integer> ranks = new HashMap<>();
    for (List<String> sourcePaths : paths.values()) {
      List<String> sorted = sourcePaths.stream().sorted().toList();
      for (int rank = 0; rank < sorted.size(); rank++) {
        ids.put(sorted.get(rank), ids.size());
        ranks.put(sorted.get(rank), rank);
      }
    }
    return new FileTable(Map.copyOf(ids), Map.copyOf(ranks));
  }

  /** The files as a small table: {@code file_id, file_rank, source_file}. */
  public Dataset<Row> table(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    ids.forEach((path, id) -> rows.add(RowFactory.create(id, ranks.get(path), path)));
    return spark.createDataFrame(rows, SCHEMA);
  }
}
