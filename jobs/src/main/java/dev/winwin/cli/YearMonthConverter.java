package dev.winwin.cli;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a month given as {@code yyyy-MM}. */
final class YearMonthConverter implements ITypeConverter<YearMonth> {
  @Override
  public YearMonth convert(String value) {
    try {
      return YearMonth.parse(value);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a month; write it as yyyy-MM, e.g. 2026-10");
    }
  }
}
