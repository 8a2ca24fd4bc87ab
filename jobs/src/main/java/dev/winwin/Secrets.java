package dev.winwin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials before a value reaches the run manifest or a log line: the value of any key
 * that names a secret, and the user-info and query of every URI ({@code s3a://KEY:SECRET@bucket/x}
 * becomes {@code s3a://***@bucket/x}, {@code abfss://c@a/x?sig=…} becomes {@code abfss://c@a/x?***}).
 * Masking is idempotent: a masked text masks to itself.
 */
public final class Secrets {
  public static final String MASK = "***";
  /** Keys such as {@code fs.azure.account.key.<account>}, {@code fs.s3a.secret.key}, {@code fs.azure.sas.<container>}. */
  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|credential|key|sas|signature).*");
  private static final Pattern URI = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)(\\S*)");
  private static final String SET = "--set";

  private Secrets() {}

  /** Whether {@code key} (ignoring case) names a password, secret, token, credential, key, SAS or signature. */
  public static boolean isSecretKey(String key) {
    return SECRET_KEY.matcher(key).matches();
  }

  /** {@link #MASK} for a secret key's value; otherwise the value with its URIs masked. */
  public static String value(String key, String value) {
    return isSecretKey(key) ? MASK : uris(value);
  }

  /**
   * {@code text} with the user-info and the query of every {@code scheme://} URI in it masked.
   * Everything up to the last {@code @} before the query counts as user-info, so a secret holding
   * {@code /} is masked whole (at the price of masking a path that holds {@code @}).
   */
  public static String uris(String text) {
    if (text == null) {
      return null;
    }
    Matcher uri = URI.matcher(text);
    StringBuilder masked = new StringBuilder();
    while (uri.find()) {
      String rest = uri.group(2);
      int query = rest.indexOf('?');
      String head = query < 0 ? rest : rest.substring(0, query);
      int at = head.lastIndexOf('@');
      String replacement = uri.group(1) + (at < 0 ? head : MASK + head.substring(at)) + (query < 0 ? "" : "?" + MASK);
      uri.appendReplacement(masked, Matcher.quoteReplacement(replacement));
    }
    uri.appendTail(masked);
    return masked.toString();
  }

  /**
   * A command line's arguments with secrets masked: the value of {@code --set key=value} (or
   * {@code --set=key=value}) when the key names a secret, and the URIs of every argument.
   */
  public static List<String> arguments(List<String> args) {
    List<String> masked = new ArrayList<>();
    boolean setting = false;
    for (String arg : args) {
      if (setting) {
        masked.add(setting(arg));
      } else if (arg.startsWith(SET + "=")) {
        masked.add(SET + "=" + setting(arg.substring(SET.length() + 1)));
      } else {
        masked.add(uris(arg));
      }
      setting = arg.equals(SET);
    }
    return masked;
  }

  /** A {@code key=value} setting with its value masked as {@link #value} says. */
  private static String setting(String keyValue) {
    int equals = keyValue.indexOf('=');
    if (equals < 0) {
      return uris(keyValue);
    }
    String key = keyValue.substring(0, equals);
    return key + "=" + value(key, keyValue.substring(equals + 1));
  }
}
