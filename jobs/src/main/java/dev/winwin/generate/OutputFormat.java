package dev.winwin.generate;

/**
 * The format the generated sources are written in: one format for every source, or the mixed
 * layout of the bundled sample (CSV for deals, price adjustments, cost lines and fx rates, JSON
 * Lines for surveys and negotiation events), which shows that a folder's format is read from its
 * files.
 */
public enum OutputFormat {
  MIXED,
  CSV,
  JSONL,
  PARQUET;

  /** The format of {@code source}'s files. */
  Source.Format of(Source source) {
    return this == MIXED ? source.mixedFormat() : Source.Format.valueOf(name());
  }
}
