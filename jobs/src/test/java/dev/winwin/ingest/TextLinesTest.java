package dev.winwin.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.winwin.testing.TestSpark;

/** Line numbers stay file line numbers however the files are split and grouped into partitions. */
class TextLinesTest {
  private final SparkSession spark = TestSpark.session();

  @TempDir
  Path root;

  @Test
  void numbersTheLinesOfSplitFilesAndOfSmallOnesReadTogether() throws IOException {
    // 400 lines of 10 bytes: 4,000 bytes, read in splits of 1,000 bytes, so most splits start mid-file
    List<String> big = IntStream.rangeClosed(1, 400).mapToObj(i -> String.format("line %04d", i)).toList();
    List<SourceReader.DataFile> files = List.of(
        write("deals/big.csv", String.join("\n", big) + "\n"),
        write("deals/small.csv", "first\r\n\r\nthird\r\n"),
        write("surveys/small.csv", "only"));

    List<String> lines = TextLines.parse(spark, files, (file, number, text) -> file + ":" + number + ":" + text, 1000).collect();

    List<String> expected = new ArrayList<>();
    IntStream.rangeClosed(1, 400).forEach(i -> expected.add("deals/big.csv:" + i + ":" + big.get(i - 1)));
    expected.addAll(List.of("deals/small.csv:1:first", "deals/small.csv:2:", "deals/small.csv:3:third", "surveys/small.csv:1:only"));
    assertEquals(expected.stream().sorted().toList(), lines.stream().sorted().toList());
  }

  private SourceReader.DataFile write(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return new SourceReader.DataFile(new org.apache.hadoop.fs.Path(file.toUri()), relative, Files.size(file), Files.getLastModifiedTime(file).toMillis());
  }
}
