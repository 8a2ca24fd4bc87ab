package dev.winwin.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's reasons table and the rule catalogue say the same: every reason code the
 * catalogue can give has a row, every row names a code the catalogue gives, and the row of a code
 * that judges named columns names each of them.
 */
class RuleCatalogueTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Set<String> PER_COLUMN = Set.of("missing_field", "bad_number", "bad_date", "bad_timestamp", "unknown_enum",
      "out_of_range");
  private static final Pattern CODE = Pattern.compile("`([a-z_]+(?::[a-z_<>]+)?)`");

  @Test
  void readmeReasonsTableListsExactlyTheCataloguesCodes() throws IOException {
    Map<String, String> table = reasonsTable();
    Set<String> catalogue = new TreeSet<>();
    for (RuleCatalogue.Rule rule : RuleCatalogue.all()) {
      if (rule.stage() != RuleCatalogue.Stage.RUN) {
        catalogue.add(pattern(rule.code()));
      }
    }
    assertEquals(catalogue, new TreeSet<>(table.keySet()));
  }

  @Test
  void theRowOfAValueRuleNamesEveryColumnItJudges() throws IOException {
    Map<String, String> table = reasonsTable();
    for (RuleCatalogue.Rule rule : RuleCatalogue.all()) {
      String kind = rule.code().split(":")[0];
      // out_of_range is a different bound per column, and missing_field is conditional for two of them
      boolean named = kind.equals("out_of_range") || (kind.equals("missing_field") && rule.checks().contains("won"));
      if (named) {
        String column = rule.column().orElseThrow();
        assertTrue(table.get(pattern(rule.code())).contains("`" + column + "`"),
            () -> "the README's row for " + pattern(rule.code()) + " does not name " + column + " (" + rule + ")");
      }
    }
  }

  /** A code as the README writes it: a per-column code with {@code <column>}, others as they are. */
  private static String pattern(String code) {
    String kind = code.split(":")[0];
    return PER_COLUMN.contains(kind) ? kind + ":<column>" : code;
  }

  /** The reasons table of README's validation section: each code of its first column, with its row. */
  private static Map<String, String> reasonsTable() throws IOException {
    List<String> lines = Files.readAllLines(README);
    int start = lines.indexOf("## Validation: nothing is lost");
    assertTrue(start >= 0, "README has no section 'Validation: nothing is lost'");
    Map<String, String> rows = new LinkedHashMap<>();
    List<String> table = new ArrayList<>();
    for (String line : lines.subList(start, lines.size())) {
      if (line.startsWith("|")) {
        table.add(line);
      } else if (!table.isEmpty()) {
        break;
      }
    }
    for (String row : table.subList(2, table.size())) {
      String first = row.substring(2, row.indexOf(" |", 2));
      Matcher codes = CODE.matcher(first);
      while (codes.find()) {
        rows.put(codes.group(1), row);
      }
    }
    return rows;
  }
}
