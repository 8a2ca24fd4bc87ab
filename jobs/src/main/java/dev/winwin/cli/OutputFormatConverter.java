package dev.winwin.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import dev.winwin.generate.OutputFormat;

/** Reads a generator format as the help writes it, in lower case (any case is accepted). */
final class OutputFormatConverter implements ITypeConverter<OutputFormat> {
  @Override
  public OutputFormat convert(String value) {
    for (OutputFormat format : OutputFormat.values()) {
      if (format.name().equalsIgnoreCase(value)) {
        return format;
      }
    }
    throw new TypeConversionException("'" + value + "' is not a format; use csv, jsonl, parquet or mixed");
  }
}
