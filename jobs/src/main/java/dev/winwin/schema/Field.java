package dev.winwin.schema;

import java.util.List;

/**
 * One field of a source as DOMAIN §2 defines it.
 *
 * @param name column name
 * @param kind how its text is parsed
 * @param required whether every row must have a value (a column that is required must also be
 *     present in every file's header)
 * @param allowed the values an {@link FieldKind#ENUM} may take; empty otherwise
 */
public record Field(String name, FieldKind kind, boolean required, List<String> allowed) {

  public static Field required(String name, FieldKind kind) {
    return new Field(name, kind, true, List.of());
  }

  public static Field optional(String name, FieldKind kind) {
    return new Field(name, kind, false, List.of());
  }

  public static Field requiredEnum(String name, String... allowed) {
    return new Field(name, FieldKind.ENUM, true, List.of(allowed));
  }

  public static Field optionalEnum(String name, String... allowed) {
    return new Field(name, FieldKind.ENUM, false, List.of(allowed));
  }
}
