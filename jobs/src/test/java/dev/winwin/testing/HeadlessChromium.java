package dev.winwin.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Debian's {@code chromium}, headless, driven over the DevTools protocol (a WebSocket, with the
 * JDK's own client): opens a page, records every console error, uncaught exception, browser log
 * error and network request, reads the rendered text and takes a full-page screenshot.
 *
 * <p>Started with the flags that keep it off the network by itself (NOTES.md) and a fresh profile
 * folder, deleted on {@link #close()}.
 */
public final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int VIEWPORT_WIDTH = 1200;

  private final Process process;
  private final Path profile;
  private final int port;

  /** What the page did while it loaded. */
  public record PageReport(List<String> consoleErrors, List<String> requests, String text, byte[] screenshot) {
    /** Requests for anything other than the page's own file or inline {@code data:} content. */
    public List<String> externalRequests(String pageUrl) {
      return requests.stream().filter(url -> !url.equals(pageUrl) && !url.startsWith("data:")).toList();
    }
  }

  private HeadlessChromium(Process process, Path profile, int port) {
    this.process = process;
    this.profile = profile;
    this.port = port;
  }

  /** The browser binary: {@code $WINWIN_CHROMIUM}, else the first of chromium, chromium-browser, google-chrome on the PATH. */
  public static Optional<Path> find() {
    String override = System.getenv("WINWIN_CHROMIUM");
    if (override != null && !override.isBlank()) {
      return Optional.of(Path.of(override));
    }
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir).resolve(name);
        if (!dir.isEmpty() && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  public static HeadlessChromium start(Path binary) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("winwin-chromium-");
    Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
        "--window-size=" + VIEWPORT_WIDTH + ",900", "about:blank")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    List<String> lines = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try {
        for (String line = err.readLine(); line != null; line = err.readLine()) {
          synchronized (lines) {
            lines.add(line);
          }
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            port.complete(URI.create(m.group(1)).getPort());
          }
        }
      } catch (IOException e) {
        // The process ended; the port future fails below if it never started.
      }
      port.completeExceptionally(new IllegalStateException("chromium exited before it listened: " + lines));
    }, "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    try {
      return new HeadlessChromium(process, profile, port.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    } catch (Exception e) {
      process.destroyForcibly();
      deleteTree(profile);
      throw new IllegalStateException("chromium did not start: " + lines, e);
    }
  }

  /** Loads {@code page} in the browser's first tab and reports what happened until the load event. */
  public PageReport open(Path page) throws IOException, InterruptedException {
    JsonNode targets = JSON.readTree(HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).timeout(TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    String socket = null;
    for (JsonNode target : targets) {
      if ("page".equals(target.path("type").asText())) {
        socket = target.path("webSocketDebuggerUrl").asText();
        break;
      }
    }
    if (socket == null) {
      throw new IllegalStateException("chromium has no page target: " + targets);
    }
    try (DevTools devtools = DevTools.connect(URI.create(socket))) {
      List<String> errors = new ArrayList<>();
      List<String> requests = new ArrayList<>();
      devtools.onEvent(event -> {
        String method = event.path("method").asText();
        JsonNode params = event.path("params");
        switch (method) {
          case "Runtime.consoleAPICalled" -> {
            String type = params.path("type").asText();
            if (type.equals("error") || type.equals("assert")) {
              errors.add("console." + type + ": " + params.path("args"));
            }
          }
          case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails"));
          case "Log.entryAdded" -> {
            if ("error".equals(params.path("entry").path("level").asText())) {
              errors.add("log: " + params.path("entry").path("text").asText() + " " + params.path("entry").path("url").asText());
            }
          }
          case "Network.requestWillBeSent" -> requests.add(params.path("request").path("url").asText());
          default -> { }
        }
      });
      devtools.call("Runtime.enable", Map.of());
      devtools.call("Log.enable", Map.of());
      devtools.call("Network.enable", Map.of());
      devtools.call("Page.enable", Map.of());
      devtools.call("Page.navigate", Map.of("url", page.toUri().toString()));
      devtools.awaitEvent("Page.loadEventFired");
      String text = devtools.call("Runtime.evaluate", Map.of("expression", "document.body.innerText", "returnByValue", true))
          .path("result").path("value").asText();
      JsonNode metrics = devtools.call("Page.getLayoutMetrics", Map.of());
      int height = (int) Math.ceil(metrics.path("cssContentSize").path("height").asDouble(900));
      devtools.call("Emulation.setDeviceMetricsOverride",
          Map.of("width", VIEWPORT_WIDTH, "height", height, "deviceScaleFactor", 1, "mobile", false));
      String png = devtools.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true))
          .path("data").asText();
      return new PageReport(List.copyOf(errors), List.copyOf(requests), text, Base64.getDecoder().decode(png));
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(profile);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A minimal DevTools protocol client: numbered calls awaiting their result, events handed to one listener in order. */
  private static final class DevTools implements WebSocket.Listener, AutoCloseable {
    private final AtomicInteger ids = new AtomicInteger();
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private java.util.function.Consumer<JsonNode> listener = e -> { };
    private WebSocket socket;

    static DevTools connect(URI uri) {
      DevTools devtools = new DevTools();
      devtools.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, devtools).join();
      return devtools;
    }

    void onEvent(java.util.function.Consumer<JsonNode> listener) {
      this.listener = listener;
    }

    /** Sends a command and returns its result, handing the events that arrive meanwhile to the listener. */
    JsonNode call(String method, Map<String, Object> params) throws InterruptedException {
      int id = ids.incrementAndGet();
      ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
      message.set("params", JSON.valueToTree(params));
      socket.sendText(message.toString(), true).join();
      JsonNode reply = next(m -> m.path("id").asInt(-1) == id, method);
      if (reply.has("error")) {
        throw new IllegalStateException(method + " failed: " + reply.get("error"));
      }
      return reply.path("result");
    }

    void awaitEvent(String method) throws InterruptedException {
      next(m -> method.equals(m.path("method").asText()), method);
    }

    private JsonNode next(java.util.function.Predicate<JsonNode> wanted, String what) throws InterruptedException {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (true) {
        JsonNode message = messages.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (message == null) {
          throw new IllegalStateException("No answer from chromium to " + what + " within " + TIMEOUT);
        }
        if (message.has("method")) {
          listener.accept(message);
        }
        if (wanted.test(message)) {
          return message;
        }
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
      socket.abort();
    }
  }
}
