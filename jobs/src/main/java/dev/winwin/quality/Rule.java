package dev.winwin.quality;

import org.apache.spark.sql.Column;

/**
 * A named data-quality rule: the reason code a row gets when {@code violated} is true.
 *
 * @param reasonCode the code written to the row's reasons, e.g. {@code out_of_range:score}
 * @param violated a boolean column expression over the row's raw text and parsed values; null
 *     counts as not violated
 */
public record Rule(String reasonCode, Column violated) {}
