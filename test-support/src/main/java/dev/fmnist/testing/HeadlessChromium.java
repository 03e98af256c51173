package dev.fmnist.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven through the DevTools protocol (a WebSocket; no driver library): opens a page and
 * evaluates JavaScript in it, so a test reads the DOM exactly as the browser built it. It also records what the page
 * reports as errors (console errors, uncaught exceptions, failed loads), so a test can assert there were none.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Where Debian installs Chromium. */
    public static final Path BINARY = Path.of("/usr/bin/chromium");

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private String sessionId;

    private HeadlessChromium(Process process, Path profile, String debuggerUrl) {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(debuggerUrl), new Listener())
                .join();
    }

    /** @return whether Chromium is installed here */
    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts Chromium headless with a fresh profile and connects to it. */
    public static HeadlessChromium launch() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process process = new ProcessBuilder(
                        BINARY.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-port=0",
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "Chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(100);
        }
        List<String> lines = Files.readAllLines(portFile);
        return new HeadlessChromium(
                process,
                profile,
                "ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
    }

    /**
     * Opens a page in a new tab, which later {@link #evaluate} calls run in; the tab reports its errors from before the
     * page starts loading.
     */
    public void open(String url) {
        ObjectNode params = JSON.createObjectNode().put("url", "about:blank");
        String targetId =
                call(null, "Target.createTarget", params).path("targetId").asText();
        sessionId = call(
                        null,
                        "Target.attachToTarget",
                        JSON.createObjectNode().put("targetId", targetId).put("flatten", true))
                .path("sessionId")
                .asText();
        call(sessionId, "Runtime.enable", JSON.createObjectNode());
        call(sessionId, "Log.enable", JSON.createObjectNode());
        call(sessionId, "Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /**
     * Saves a PNG of the open page, the whole page rather than only the viewport.
     *
     * @param file where to write it (its folder is created)
     */
    public void screenshot(Path file) throws IOException {
        JsonNode shot = call(
                sessionId,
                "Page.captureScreenshot",
                JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    /**
     * Picks a file in a file input of the open page, as a user choosing it in the file dialog would (the input fires
     * its {@code change} event).
     *
     * @param selector CSS selector of the {@code <input type="file">}
     * @param file     the file to pick
     */
    public void pickFile(String selector, Path file) {
        call(sessionId, "DOM.enable", JSON.createObjectNode());
        int root = call(sessionId, "DOM.getDocument", JSON.createObjectNode())
                .path("root")
                .path("nodeId")
                .asInt();
        int node = call(
                        sessionId,
                        "DOM.querySelector",
                        JSON.createObjectNode().put("nodeId", root).put("selector", selector))
                .path("nodeId")
                .asInt();
        if (node == 0) {
            throw new IllegalStateException("no element matches " + selector);
        }
        ObjectNode params = JSON.createObjectNode().put("nodeId", node);
        params.putArray("files").add(file.toAbsolutePath().toString());
        call(sessionId, "DOM.setFileInputFiles", params);
    }

    /**
     * Sizes the open page's viewport, for example as a phone's (narrower than 600 px is emulated as mobile).
     *
     * @param width  CSS pixels
     * @param height CSS pixels
     */
    public void viewport(int width, int height) {
        call(
                sessionId,
                "Emulation.setDeviceMetricsOverride",
                JSON.createObjectNode()
                        .put("width", width)
                        .put("height", height)
                        .put("deviceScaleFactor", 1)
                        .put("mobile", width < 600));
    }

    /**
     * Waits until a JavaScript condition holds in the open page (a condition that throws, as one reading an element
     * not there yet does, does not hold).
     *
     * @param condition expression that becomes {@code true}
     * @param timeout   how long to wait
     * @throws IllegalStateException naming the condition when it did not hold in time
     */
    public void await(String condition, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // while the page is still loading, the condition may read what is not there yet: that counts as false
        String guarded = "(() => { try { return Boolean(" + condition + "); } catch (e) { return false; } })()";
        while (!evaluate(guarded).asBoolean(false)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + timeout + ": " + condition + "; page errors " + errors);
            }
            Thread.sleep(200);
        }
    }

    /** @return what the open page reported as errors so far: console errors, uncaught exceptions, failed loads */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    private void record(JsonNode message) {
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        switch (method) {
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(params.path("type").asText())) {
                    errors.add("console.error: " + params.path("args"));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("exception: " + params.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                if ("error".equals(params.path("entry").path("level").asText())) {
                    errors.add("log: " + params.path("entry"));
                }
            }
            default -> {
                // other events are of no interest
            }
        }
    }

    /**
     * @param expression JavaScript evaluated in the open page
     * @return its value as JSON (strings as text nodes), or a null node when undefined
     */
    public JsonNode evaluate(String expression) {
        JsonNode result = call(
                sessionId,
                "Runtime.evaluate",
                JSON.createObjectNode().put("expression", expression).put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    private JsonNode call(String session, String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        synchronized (socket) {
            socket.sendText(message.toString(), true).join();
        }
        JsonNode response =
                reply.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        if (response.has("error")) {
            throw new IllegalStateException(method + " failed: " + response.get("error"));
        }
        return response.path("result");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null)
                    .join();
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            deleteProfile();
        }
    }

    /** Deletes the profile folder; Chromium's helper processes may still be removing files of their own meanwhile. */
    private void deleteProfile() throws InterruptedException {
        for (int attempt = 0; attempt < 5 && Files.exists(profile); attempt++) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                // a file went away while the folder was walked: walk it again
                Thread.sleep(100);
            }
        }
    }

    /** Collects each (possibly fragmented) message and completes the call it answers. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> reply =
                                pending.remove(message.get("id").asInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    } else {
                        record(message);
                    }
                } catch (IOException e) {
                    // not a protocol message: ignore
                } finally {
                    text.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
