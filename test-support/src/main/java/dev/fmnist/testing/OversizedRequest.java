package dev.fmnist.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * For tests of request-body limits: announces a body of a given length in the headers, sends none of it, and reads
 * the status the server answers. A server that enforces its limit answers 413 without waiting for the body; an
 * HTTP client that streams the body would instead fail with a broken pipe when the server closes early.
 */
public final class OversizedRequest {

    private OversizedRequest() {}

    /**
     * @param port          the server's port on localhost
     * @param method        e.g. {@code POST}
     * @param path          e.g. {@code /predict}
     * @param contentType   the announced content type
     * @param length        the announced Content-Length
     * @param authorization an {@code Authorization} header value, or null
     * @return the status code of the answer
     */
    public static int status(
            int port, String method, String path, String contentType, long length, String authorization) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + length + "\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (status == null) {
                throw new IllegalStateException("the server closed the connection without an answer");
            }
            return Integer.parseInt(status.split(" ")[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
